// alternating_offers under `information: private` with one screened
// responder: play of the perfect Bayesian equilibrium that screening.h
// solves (the game and its equilibrium are stated there and in
// docs/private_information.md).
//
// Who is private. The screened actor is the one veto actor that answers
// offers, never proposes, and whose war cost has a prior with spread. A
// proposer's values are common knowledge to everyone (an informed proposer's
// offers would signal its type, a game this protocol does not solve), and so
// is every discount and every other drawn quantity: they are the analyst's
// uncertainty, drawn per replicate and known to the actors within it.
// alternating_offers.cpp chooses this component when exactly one actor is
// screened, the complete-information planner when none is.
//
// Play. The equilibrium is solved once per replicate from round 0 (and
// reused while the public part of the world repeats, as when nothing but the
// screened cost is drawn); after an event it is solved again from that
// round, with the belief kept and the screened cost shifted as the event
// shifted it. Each round the proposer makes the equilibrium offer for the
// current belief [0, h]; the screened type accepts iff its level F(c) is at
// least the cutoff, the known responders accept (the offer meets their
// thresholds); a rejection sets h to the cutoff. Shocks, the flows of passed
// rounds, breakdown and the value of no deal are the shared talks ledger's.
#pragma once

#include <memory>
#include <vector>

#include "protocols/protocol.h"

namespace parley {

// True when the scenario plays private information with one screened actor
// whose prior is continuous; the actors that would be screened are listed
// in *all (a choice prior, or several, go to the approximation).
bool ScreenedActors(const Scenario& scenario, std::vector<int>* all);

std::unique_ptr<Protocol> MakeScreenedOffers(const Scenario& scenario, int screened);

}  // namespace parley
