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
// Private information (`information: private`). Each actor's drawn
// `war_cost` and `discount` are its own; the scenario's distributions are the
// common prior; everything else is common knowledge. The model below is a
// stated approximation: tractable, exact on Fearon's closed form and equal to
// complete information when every prior has zero spread.
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
//    enters only through the prior mean in the believed world (the
//    approximation; the cost carries the screening). Responders answer with
//    their true cost: accept iff u_j(x) >= R_j(t|c_j) − 1e-12.
//  - Beliefs (private_information.h): common to all observers, since all see
//    the same answers. Each private cost's belief is the prior truncated to an
//    interval, kept in the prior's CDF scale. An answer to offer x reveals
//    c_j < c*_j(x) (reject: hi ← F(c*)) or c_j >= c*_j(x) (accept: lo ← F(c*)),
//    c*_j(x) = c̄_j + (R_j(t) − u_j(x))/B_j(t): Bayes' rule by truncation,
//    each responder by its own answer. P(j accepts x) = P(c_j >= c*_j | belief).
//  - Offer. The proposer maximises EU(x) = P(all accept x)·u_p(x) +
//    (1 − P(all accept x))·R_p(t) (independent priors: P is a product) over a
//    one-dimensional family: for a belief quantile level q in [0,1], each
//    responder's cost is put at its belief's q-quantile, and x(q) is the
//    complete-information offer for the thresholds R_j(t|ĉ_j(q))
//    (offer_solver.h). q is found by a grid of 9 levels, golden section to a
//    bracket of 1e-4, then two parabolic steps through the best level ±1e-4
//    and ±1e-5 (exact when EU is quadratic in q, as in Fearon's model:
//    the demand to ~1e-13). With one responder the family contains the
//    optimum of the affine model (every threshold is some ĉ); with several it
//    ties their quantiles together: an approximation. The proposer makes no
//    offer when no terms are feasible, the best EU falls short of R_p(t),
//    or the best offer would be accepted with probability below 1e-9.
//    When no responder's cost is uncertain, EU is flat in q and one solve at
//    q = 1/2 is the complete-information offer.
//  - Play. Each round the proposer re-optimises with the current beliefs;
//    breakdown and dynamics are drawn as under complete information. A
//    proposer's believed world is planned when it first proposes (from that
//    round, the world as it is then) and again after an event; with no
//    spread anywhere one plan serves all, as under complete information.
//    Cost per replicate: at most one plan per proposer (more after events)
//    and ~30 solves per round played while some responder's cost is
//    uncertain. The no-deal cause is `no zone` when no believed plan made
//    and no proposer made an offer, else breakdown or horizon. `explain` notes per
//    offer the level q, the P(all accept) expected, and the beliefs after a
//    rejection.
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
//
// Parameters (under `protocol:` in the scenario):
//
//   | name        | default          | meaning                                             |
//   |-------------|------------------|-----------------------------------------------------|
//   | proposers   | the veto actors  | who may propose, in rotation order                  |
//   | order       | rotate           | rotate: proposers in turn; random: drawn each round |
//   | recognition | equal            | random order: probability weight of each proposer   |
//   | breakdown   | 0                | probability that a round without a deal ends talks  |
//   | information | complete         | complete; private: own war_cost, discount (above)   |
//
// Random streams: `protocol.order` (uniform t picks round t's proposer) and
// `protocol.breakdown` (uniform t decides whether round t breaks down).
#pragma once

#include <memory>

#include "protocols/protocol.h"

namespace parley {

std::unique_ptr<Protocol> MakeAlternatingOffers(const Scenario& scenario);

}  // namespace parley
