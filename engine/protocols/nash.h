// nash: the asymmetric Nash bargaining solution over the issue space
// (docs/model.md §6).
//
//   maximise Σ_{veto i} w_i·log(u_i(x) − d_i)  over the terms x,
//
// where d_i is actor i's value of no deal from round 0 (its no-deal flow w_i
// with a static status quo) and the weights w_i are `weights`, by default
// the actors' capabilities. If no terms give every veto actor strictly more
// than d_i there is no deal (no zone of agreement) and everyone keeps d_i.
// The deal is struck in round 0 with no proposer (−1); every actor, veto or
// not, gets u_i(x). With events or dynamics, round 0's events fire first
// (and may change the world), and d_i is the value of the war going on for
// good along its expected path (docs/model.md §3), as for the other
// protocols' no-deal values.
//
// Method. Ordinal level combinations are enumerated and the best Nash
// product kept. Within one combination:
//  - Smooth utilities (every veto actor has r > 1 wherever it cares, and a
//    positive weight), two or more veto actors (exact): start from a point
//    where every veto actor gains, the average of each one's best terms
//    leaving the others their d_i (if some actor cannot gain even there,
//    there is no zone: this verdict is exact). The objective is strictly
//    concave in the continuous terms, so damped Newton on its first-order
//    conditions Σ w_i u_i'(x)/(u_i − d_i) = 0 (Cholesky of the negated
//    Hessian Σ w_i (u_i'u_i'ᵀ/G_i² − diag(u_i'')/G_i), backtracking that
//    keeps every gain positive and the objective rising, except for a last
//    full step whose rise is below the objective's rounding) converges
//    quadratically. It stops when a full step would move no issue by more
//    than 1e-14; the first-order conditions then hold to ~1e-13 (the tests
//    check 1e-9, and a random local search). The box [0,1] never binds: the
//    optimum lies in the hull of the positions. At the ideal of an actor
//    with r < 2 the curvature is infinite: it is capped for the step, and a
//    point there counts as converged only where the slope is exactly 0.
//    Should Newton not converge in 100 steps, the methods below take over.
//  - Two veto actors, otherwise (exact): with the first as "proposer",
//    U_1*(L) is its best utility when the other gets at least L
//    (offer_solver.h); it is concave in L with slope −λ, the solver's
//    multiplier. So the problem is max over L of
//    w_1·log(U_1*(L) − d_1) + w_2·log(L − d_2), solved by bisection on the
//    sign of −w_1·λ/(U_1* − d_1) + w_2/(L − d_2) to ~1e-16.
//  - Three or more, otherwise (heuristic): from the same starting point,
//    coordinate ascent over the continuous issues, each step an exact
//    bisection on the sign of the objective's slope along that issue, until
//    no issue moves by more than 1e-14. With linear utilities it can stop at
//    a kink short of the optimum. The no-zone verdict is exact.
//  - One veto actor: its best terms, if they beat d_1.
//
// References:
//   Nash, J. (1950). The bargaining problem. Econometrica 18(2), 155–162.
//   Kalai, E. (1977). Nonsymmetric Nash solutions and replications of
//     2-person bargaining. International Journal of Game Theory 6, 129–133.
//   Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining
//     solution in economic modelling. RAND Journal of Economics 17(2), 176–188.
//
// Parameters: declared, with types, domains, defaults and help, in
// protocols/nash_schema.cpp (`parley protocols` prints them; docs/schema.md §7).
#pragma once

#include <memory>

#include "protocols/protocol.h"

namespace parley {

std::unique_ptr<Protocol> MakeNash(const Scenario& scenario);

}  // namespace parley
