// alternating_offers: Rubinstein–Ståhl bargaining generalised to N actors,
// several issues, veto players, a mediator and breakdown risk (DESIGN.md 4.1).
//
// In round t the proposer (by `order`) offers terms; the veto actors other
// than the proposer answer, and all must accept for a deal. After a
// rejection, or a round without an offer, the talks break down for good with
// probability `breakdown`; after round H−1 they lapse (the horizon).
//
// Complete information: every actor knows the drawn world, and play is the
// subgame-perfect equilibrium found by backward induction from the horizon.
// With V_i(H) = w_i (the no-deal flow forever), the value of letting round t
// pass is
//
//   R_i(t) = (1−δ_i)·w_i + δ_i·[β·w_i + (1−β)·V_i(t+1)],
//
// the proposer p of round t offers argmax u_p(x) subject to u_j(x) >= R_j(t)
// for every veto responder j (offer_solver.h), and makes no offer when no
// terms qualify or when u_p(x*) < R_p(t). V_i(t) is the expectation over the
// round's proposer (one under `rotate`, each with its recognition
// probability under `random`) of u_i(x*) when p offers and R_i(t) when not.
// Responders accept iff u_j(x) >= R_j(t) − 1e-12 (indifference accepts).
// Values are normalised at round 0: a deal x in round t is worth
// (1−δ_i^t)·w_i + δ_i^t·u_i(x); no deal is worth w_i.
//
// References:
//   Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
//     Econometrica 50(1), 97–109.
//   Ståhl, I. (1972). Bargaining Theory. Stockholm School of Economics.
//   Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining
//     solution in economic modelling. RAND Journal of Economics 17(2), 176–188.
//   Baron, D. & Ferejohn, J. (1989). Bargaining in legislatures. APSR 83(4).
//
// Parameters (under `protocol:` in the scenario):
//
//   | name        | default          | meaning                                             |
//   |-------------|------------------|-----------------------------------------------------|
//   | proposers   | the veto actors  | who may propose, in rotation order                  |
//   | order       | rotate           | rotate: proposers in turn; random: drawn each round |
//   | recognition | equal            | random order: probability weight of each proposer   |
//   | breakdown   | 0                | probability that a round without a deal ends talks  |
//   | information | complete         | complete (private: not implemented yet)             |
//
// Random streams: `protocol.order` (uniform t picks round t's proposer) and
// `protocol.breakdown` (uniform t decides whether round t breaks down).
#pragma once

#include <memory>

#include "protocols/protocol.h"

namespace parley {

std::unique_ptr<Protocol> MakeAlternatingOffers(const Scenario& scenario);

}  // namespace parley
