// concession: time-based concession tactics (Faratin, Sierra & Jennings
// 1998) under the stacked alternating offers protocol, with the semantics of
// NegMAS's SAOMechanism and TimeBasedConcedingNegotiator (docs/model.md §8), so
// that a study done there reruns here with the same agreement in the same
// round (tests/unit/test_concession.cpp replays the NegMAS sessions recorded in tests/data/negmas/).
//
//  - Outcome space: every combination of ordinal levels and continuous
//    points, each continuous issue cut into `grid` evenly spaced points of
//    its scale. Outcomes are enumerated with the first issue varying slowest
//    (Python's itertools.product, as NegMAS does).
//  - Time: in round k of N = horizon, t = (k+1)/(N+1) for every actor.
//  - Aspiration a(t) = 1 − t^e (e from the actor's `tactic`: boulware 4,
//    linear 1, conceder 0.25, or `exponent`; boulware when none is given,
//    NegMAS's default). Threshold lo(t) = umin + (umax − umin)·a(t) − 1e-4,
//    clamped to [umin, umax]; umax = u of the actor's best outcome, umin =
//    max(u of its worst outcome, its value of no deal).
//  - A turn: the actor accepts the standing offer when u ≥ lo(t), else
//    counter-offers the outcome of lowest utility to itself among those with
//    u ≥ lo(t); among equal utilities the first in enumeration order (the
//    stable sort NegMAS's inverter uses).
//  - The negotiators are the veto actors in file order; the first opens
//    round 0. A deal needs every other negotiator to accept the standing
//    offer in a row; it is struck in the round of the last acceptance.
//  - After N rounds the talks end without a deal (cause horizon).
//
// Decisions where NegMAS has nothing to copy (the reference docs are silent; recorded in docs/model.md):
//  - utilities are docs/model.md §3's u_i, undiscounted, as NegMAS's
//    are; the values reported are the usual discounted U_i, so the protocols
//    compare side by side;
//  - the value of no deal is each actor's value of no deal from round 0
//    (the war going on for good); when an event fires it is recomputed from
//    that round on and umin follows; dynamics alone change the flows
//    received, not the thresholds (actors plan on the expected path);
//  - a negotiator whose value of no deal beats every outcome walks away:
//    no deal, cause no_zone;
//  - `breakdown`, when the scenario sets it, ends the talks after a round
//    without a deal with that probability (NegMAS has none: 0 reproduces it);
//  - `information` has no effect: each actor concedes on its own values.
//
// Cost: the sorted utility table of each negotiator is built once per
// replicate (once per workspace for a negotiator whose utility no drawn
// parameter or event can change), so a turn costs one lookup and one binary
// search.
//
// References:
//   Faratin, P., Sierra, C. & Jennings, N. R. (1998). Negotiation decision
//     functions for autonomous agents. Robotics and Autonomous Systems 24,
//     159–182.
//   Mohammad, Y., Nakadai, S. & Greenwald, A. (2021). NegMAS: a platform for
//     situated negotiations. In Recent Advances in Agent-based Negotiation.
//
// Parameters: declared, with types, domains, defaults and help, in
// protocols/concession_schema.cpp (`parley protocols` prints them; docs/schema.md §7).
#pragma once

#include <memory>
#include <string>

#include "protocols/protocol.h"

namespace parley {

// The largest outcome space the protocol enumerates.
inline constexpr long long kMaxConcessionOutcomes = 1 << 20;

// Empty when the scenario can run under `concession`, else why not.
std::string ConcessionUnsupported(const Scenario& scenario);
std::unique_ptr<Protocol> MakeConcession(const Scenario& scenario);

}  // namespace parley
