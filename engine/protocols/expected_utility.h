// expected_utility: Bueno de Mesquita's expected-utility model as specified
// by Scholz, Calbert & Smith (2011), played issue by issue (docs/model.md §7;
// the formulas are docs/model.md §7, implemented in eu_model.h).
//
// Inputs. Every actor takes part, veto or not, with its position on each
// issue (unit scale), its capability c_i and its salience s_ik as given in
// [0, 1] (not normalised over the issues, as in BDM's data). The actors'
// `risk` exponents are not used: the model derives its own r_i each round.
//
// A round on an issue. R = max − min of the current positions; R = 0 means
// the issue is settled. Otherwise: the weighted median μ (weights c·s, the
// lower position on a flat minimum); pass 1 computes every E^i(U_ij) with
// r = 1, giving security Sec_i, R_i and r_i; pass 2 recomputes them with each
// evaluator's own r_i. Each unordered dyad {i, j}, with a = E^i(U_ij) and
// b = E^j(U_ji), proposes at most one move by figure 6 and eqs. 35–36:
// conflict (the weaker side moves to the other), compromise (a partial move)
// or capitulation (a full move). Choice: boundary cases — a == b both
// positive, |a| == |b| of opposite signs, or a or b zero — propose nothing
// (the paper's inequalities are strict). Every such equality, and those of
// T and of the offer selection, holds within 1e-12 (eu::kTie, relative to R
// for distances), so that rounding does not break ties: the model is
// scale-free, and BDM's 4, 7, 10 read as 0.4, 0.7, 1 move the same actors.
// Each actor takes one of the moves
// proposed to it: a conflict before a compromise before a capitulation
// (§6.2), and within the kind by `accept` (below); the last tie-break is the
// lower proposer index. All actors move at once at the end of the round.
//
// Rounds. Round t (0 .. H−1, H = the scenario's horizon) first plays the
// round's shocks (TalksLedger: dynamics from round 1, events). After an event
// the capabilities and saliences are re-read from the changed world; the
// positions are the model's own state and are not re-read. Then every issue
// plays one model round. The positions have settled when no actor moved by
// more than `tolerance` on any issue: play stops, and that round is the
// round of the outcome. Otherwise play stops after round H−1 (the model
// often cycles: Scholz et al. note that "in general the results do not
// stabilise"), and the round of the outcome is H−1.
//
// Outcome. The forecast per issue is the weighted median of the final
// positions (on an ordinal issue, snapped to the nearest level). With
// `deal: acceptable` it is a deal iff every veto actor values it, struck in
// the outcome's round (docs/model.md §3), at least as much as no deal from
// that round (tolerance 1e-12); otherwise there is no deal (no zone of
// agreement) and every actor gets its value of no deal from that round. With
// `deal: forecast` the forecast is always the deal. There is no proposer
// (−1). Choice: the model has no breakdown; the scenario's `breakdown` is a
// parameter of alternating_offers and is not drawn here.
//
// Cost per round and issue with n actors: O(n³) for the chances P^i (one
// pass per dyad over the actors), O(n²) EUs per pass. No allocation in Play.
//
// References:
//   Bueno de Mesquita, B. (1994). Political forecasting: an expected utility
//     method. In Bueno de Mesquita & Stokman (eds.), European Community
//     Decision Making, 71–104. Yale University Press.
//   Bueno de Mesquita, B. (1985). The war trap revisited. American Political
//     Science Review 79(1), 156–177.
//   Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). Unravelling Bueno de
//     Mesquita's group decision model. Journal of Theoretical Politics 23(4),
//     510–531; equation numbers of the ICAART 2011 version, 18–30.
//
// Parameters: declared, with types, domains, defaults and help, in
// protocols/expected_utility_schema.cpp (`parley protocols` prints them; docs/schema.md §7).
#pragma once

#include <memory>

#include "protocols/protocol.h"

namespace parley {

std::unique_ptr<Protocol> MakeExpectedUtility(const Scenario& scenario);

}  // namespace parley
