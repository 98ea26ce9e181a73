// Internals of alternating_offers shared by its two source files:
// alternating_offers.cpp (planning, play, shocks; complete information) and
// alternating_offers_private.cpp (beliefs and risk-return offers under
// private information). Not part of the protocol's interface.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "core/rng.h"
#include "model/shocks.h"
#include "protocols/offer_solver.h"
#include "protocols/private_information.h"
#include "protocols/protocol.h"
#include "protocols/talks_ledger.h"

namespace parley::alternating_offers_detail {

constexpr double kAcceptTol = 1e-12;  // indifference accepts, up to rounding

// One replicate's plan and the solver's scratch, sized once per thread.
struct PlanWorkspace final : Workspace {
  OfferSolver solver;
  Offer offer;
  std::vector<double> threshold;      // R_i(t): round-major, rounds × actors
  std::vector<std::uint8_t> offered;  // per (round, slot)
  std::vector<double> terms;          // per (round, slot) × issues
  std::vector<double> value, next;    // V(t) and V(t+1) per actor
  std::vector<double> responder_threshold;
  // Per proposer: what its last solves leave for its next (offer_solver.h:
  // starting multipliers, pruning bounds), which cuts the planning cost by
  // ~40%. Cleared per replicate: a replicate never depends on the one before.
  std::vector<WarmStart> warm;
  // Shocks, passed rounds and the end without a deal: the shared talks
  // ledger (the replicate's world as dynamics and events change it, and the
  // realised payoff so far); the expected no-deal path actors plan on.
  TalksLedger ledger;
  PathScratch path;
  std::vector<double> war, war_next;  // value of the war going on for good, W(t) and W(t+1)
  // Private information (alternating_offers.h): -dR_i(t)/dc_i of the last
  // plan (rounds × actors) and -dV/dc per actor; per proposer its believed
  // world and that world's R and B (rounds × actors); the common beliefs
  // and the shift events gave each private cost; the offer search's scratch.
  std::vector<double> sens, dvalue, dnext;
  std::vector<World> believed;
  std::vector<double> believed_R, believed_B;
  std::vector<CostBelief> belief;
  std::vector<double> offset, best_terms;
  std::vector<WarmStart> play_warm;
  std::vector<int> planned_from;  // per proposer: first round of its believed plan; -1: to plan
  // The last round: a quantile per responder (levels: trial; best_levels: the best found).
  std::vector<double> levels, best_levels;
  bool own_levels = false;
};

class AlternatingOffers final : public Protocol {
 public:
  AlternatingOffers(const Scenario& s, bool private_information);
  std::unique_ptr<Workspace> NewWorkspace() const override;
  void Play(const World& world, Workspace& workspace, Outcome& out, Trace* trace) const override;

 private:
  // Plan slots per round: every proposer under random order, else the one.
  int Slots() const { return random_ ? static_cast<int>(proposers_.size()) : 1; }
  int ProposerIndex(const Rng& order, int t) const;
  bool Plan(const World& world, PlanWorkspace& ws, int t0) const;
  bool PassRound(PlanWorkspace& ws, const Rng& breakdown, int t, bool any, Outcome& out, TraceStep* step) const;
  bool PlanRound(PlanWorkspace& ws, int t, int slot, const double* R) const;
  bool Answer(PlanWorkspace& ws, int t, int q, size_t at, TraceStep* step) const;
  void NotePlan(const PlanWorkspace& ws, bool any, Trace& trace) const;
  // Private information.
  void PlayPrivate(const World& drawn, PlanWorkspace& ws, Outcome& out, Trace* trace) const;
  void Offsets(const World& drawn, PlanWorkspace& ws) const;
  bool PlanBelief(const World& drawn, PlanWorkspace& ws, int q, int t0) const;
  double Expected(PlanWorkspace& ws, int t, int q, double level, double& accept, const double* levels = nullptr) const;
  bool PrivateOffer(PlanWorkspace& ws, int t, int q, double& level, double& accept) const;
  bool PrivateAnswer(PlanWorkspace& ws, int t, int q, TraceStep* step) const;
  double Cut(const PlanWorkspace& ws, int q, int t, int j, double u) const;

  const Scenario* s_;
  int horizon_, actors_, issues_;
  bool random_;
  std::vector<int> proposers_;
  std::vector<double> cumulative_;            // recognition, cumulated
  std::vector<std::vector<int>> responders_;  // per proposer index: the other veto actors
  StreamId order_stream_, breakdown_stream_;
  bool private_ = false, uncertain_ = false;
  std::vector<const Distribution*> cost_prior_;  // per actor: its war cost's prior, null if known
  std::vector<double> cost_mean_, discount_mean_;
  std::vector<unsigned char> discount_private_;
};

}  // namespace parley::alternating_offers_detail
