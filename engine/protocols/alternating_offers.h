// alternating_offers: Rubinstein–Ståhl bargaining generalised to N actors,
// several issues, veto players, a mediator and breakdown risk (docs/model.md §5).
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
// Private information (`information: private`; docs/private_information.md
// states the game, the equilibrium, its checks and its limits). Each actor's
// drawn `war_cost` is its own; proposers' values, discounts and every other
// draw are common knowledge within a replicate (the analyst's uncertainty).
// Who is screened: the veto actors that answer offers, never propose, and
// whose war cost has a prior with spread. MakeAlternatingOffers picks:
//  - none: the complete-information planner below (so zero-spread priors
//    give exactly the complete-information result);
//  - one: the perfect Bayesian equilibrium with skimming, a dynamic
//    programme over the belief cutoff (screening.h), played by
//    screened_offers.h;
//  - several: the approximation that follows, not an equilibrium (open).
//
// The approximation for several screened responders:
//  - Believed worlds. Proposer p plans (backward induction, as above) on a
//    believed world: the others' private parameters at their prior means
//    (plus any shift events gave the true ones: events are public, and a
//    shift is treated as known: exact for `add`), its own at their true
//    values. Alongside R_j(t) the plan gives B_j(t) = −∂R_j(t)/∂c_j,
//    differentiating the recursion: B = (1−δ) + δ[β + (1−β)·D(t+1)], with
//    D = −∂V/∂c = 1 at the horizon (the war for good), and per slot D += B(t)
//    when the round passes without an offer or j's constraint binds
//    (u_j(x*) <= R_j + 1e-9), else 0 (the proposer, slack responders, others).
//  - Thresholds. Responder j's value of rejecting in round t is taken affine
//    in its cost: R_j(t|c) = R_j(t) − B_j(t)·(c − c̄_j), from the current
//    proposer's believed plan (c̄_j its believed cost). Its private discount
//    enters only through the prior mean in the believed world. Responders
//    answer with their true cost: accept iff u_j(x) >= R_j(t|c_j) − 1e-12.
//  - Beliefs (private_information.h): common to all observers. Each private
//    cost's belief is the prior truncated to an interval, kept in the prior's
//    CDF scale; an answer to offer x reveals c_j < c*_j(x) (reject) or
//    c_j >= c*_j(x) (accept), c*_j(x) = c̄_j + (R_j(t) − u_j(x))/B_j(t).
//    P(j accepts x) = P(c_j >= c*_j | belief), a product over responders.
//  - Offer. The proposer maximises EU(x) = P(all accept x)·u_p(x) +
//    (1 − P(all accept x))·R_p(t) over a one-dimensional family: for a belief
//    quantile level q, each responder's cost at its belief's q-quantile and
//    x(q) the complete-information offer for the thresholds R_j(t|ĉ_j(q));
//    q by a grid of 9 levels, golden section and two parabolic steps. In the
//    last round each responder gets its own level (a 5 × 5 grid for two, then
//    coordinate ascent): there the thresholds are the wars for good and the
//    offer is the exact one-round screening offer. The proposer makes no
//    offer when no terms are feasible, the best EU falls short of R_p(t), or
//    P(all accept) < 1e-9.
//  - Play. Beliefs, breakdown and dynamics as under complete information; a
//    proposer's believed world is planned when it first proposes and again
//    after an event. The no-deal cause is `no zone` when no believed plan
//    and no proposer made an offer, else breakdown or horizon. `explain`
//    notes per offer the level(s), the P(all accept) expected and the
//    beliefs after a rejection.
//
// References:
//   Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
//     Econometrica 50(1), 97–109.
//   Ståhl, I. (1972). Bargaining Theory. Stockholm School of Economics.
//   Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining
//     solution in economic modelling. RAND Journal of Economics 17(2), 176–188.
//   Baron, D. & Ferejohn, J. (1989). Bargaining in legislatures. APSR 83(4).
//   Fearon, J. (1995). Rationalist explanations for war. International
//     Organization 49(3), 379–414.
//   Sobel, J. & Takahashi, I. (1983). A multistage model of bargaining.
//     Review of Economic Studies 50(3), 411–426.
//   Fudenberg, D., Levine, D. & Tirole, J. (1985). Infinite-horizon models of
//     bargaining with one-sided incomplete information. In A. Roth (ed.),
//     Game-Theoretic Models of Bargaining.
//
// Parameters: declared, with types, domains, defaults and help, in
// protocols/alternating_offers_schema.cpp (`parley protocols` prints them; docs/schema.md §7).
//
// Random streams: `protocol.order` (uniform t picks round t's proposer) and
// kBreakdownDrawStream (uniform t decides whether round t breaks down;
// protocols/talks_ledger.h).
#pragma once

#include <memory>

#include "protocols/protocol.h"

namespace parley {

std::unique_ptr<Protocol> MakeAlternatingOffers(const Scenario& scenario);

}  // namespace parley
