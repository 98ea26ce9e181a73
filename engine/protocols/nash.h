// nash: the asymmetric Nash bargaining solution over the issue space
// (DESIGN.md 4.2).
//
//   maximise Σ_{veto i} w_i·log(u_i(x) − d_i)  over the terms x,
//
// where d_i is actor i's value of no deal from round 0 (its no-deal flow w_i
// with a static status quo) and the weights w_i are `weights`, by default
// the actors' capabilities. If no terms give every veto actor strictly more
// than d_i there is no deal (no zone of agreement) and everyone keeps d_i.
// The deal is struck in round 0 with no proposer (−1); every actor, veto or
// not, gets u_i(x).
//
// Method. Ordinal level combinations are enumerated and the best Nash
// product kept. Within one combination:
//  - Two veto actors (exact): with the first as "proposer", U_1*(L) is its
//    best utility when the other gets at least L (offer_solver.h); it is
//    concave in L with slope −λ, the solver's multiplier. So the problem is
//    max over L of w_1·log(U_1*(L) − d_1) + w_2·log(L − d_2), solved by
//    bisection on the sign of −w_1·λ/(U_1* − d_1) + w_2/(L − d_2) to ~1e-16.
//  - Three or more (heuristic): start from a point where every veto actor
//    gains (the average of each one's best terms leaving the others their
//    d_i; if some actor cannot gain even there, there is no zone), then
//    coordinate ascent over the continuous issues, each step an exact
//    bisection on the sign of the objective's slope along that issue, until
//    no issue moves by more than 1e-14. It converges for smooth (risk > 1)
//    utilities; with linear utilities it can stop at a kink short of the
//    optimum. The no-zone verdict is exact in both cases.
//  - One veto actor: its best terms, if they beat d_1.
//
// References:
//   Nash, J. (1950). The bargaining problem. Econometrica 18(2), 155–162.
//   Kalai, E. (1977). Nonsymmetric Nash solutions and replications of
//     2-person bargaining. International Journal of Game Theory 6, 129–133.
//   Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining
//     solution in economic modelling. RAND Journal of Economics 17(2), 176–188.
//
// Parameters (under `protocol:` in the scenario):
//
//   | name    | default    | meaning                                       |
//   |---------|------------|-----------------------------------------------|
//   | weights | capability | bargaining power of each actor (> 0)          |
#pragma once

#include <memory>

#include "protocols/protocol.h"

namespace parley {

std::unique_ptr<Protocol> MakeNash(const Scenario& scenario);

}  // namespace parley
