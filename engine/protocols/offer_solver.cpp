#include "protocols/offer_solver.h"

#include <algorithm>
#include <limits>

#include "core/numbers.h"

namespace parley {

void OfferSolver::Resize(const Scenario& s) {
  scenario_ = &s;
  actors_ = s.NumActors(), issues_ = s.NumIssues();
  continuous_.clear(), ordinal_.clear(), level_offset_.clear(), level_last_.clear();
  // Ordinal issues are enumerated as a mixed-radix number.
  int total_levels = 0;
  combos_ = 1;
  issue_slot_.assign(issues_, 0);
  for (int k = 0; k < issues_; ++k) {
    if (!s.issues[k].ordinal) {
      issue_slot_[k] = static_cast<int>(continuous_.size());
      continuous_.push_back(k);
      continue;
    }
    issue_slot_[k] = -static_cast<int>(ordinal_.size()) - 1;
    ordinal_.push_back(k);
    level_offset_.push_back(total_levels), level_last_.push_back(s.issues[k].LevelCount() - 1);
    total_levels += s.issues[k].LevelCount();
    combos_ *= s.issues[k].LevelCount();
  }
  const int kc = static_cast<int>(continuous_.size()), n = actors_;
  salience_.setZero(n, kc), ideal_.setZero(n, kc);
  risk_.setZero(n), base_.setZero(n);
  indifferent_.assign(n, 0);
  level_term_.setZero(n, total_levels);
  combo_constant_.setZero(n, combos_);
  status_quo_.assign(kc, 0.0);
  part_.assign(n, 0);
  constant_.assign(n, 0.0), bound_.assign(n, 0.0);
  terms_.assign(n, IssueTerm{});
  scratch_.assign(n + 1, Level{});
  for (Level& level : scratch_) {
    level.weights.assign(n, 0.0);
    for (auto& x : level.x) x.assign(kc, 0.0);
    for (auto& nu : level.nu) nu.assign(n, 0.0);
  }
  x_.assign(kc, 0.0), nu_.assign(n, 0.0), lambda_.assign(n, 0.0), start_.assign(n, 0.0);
  terms_cur_.assign(issues_, 0.0), mult_cur_.assign(n, 0.0);
  dual_.Resize(n, kc);
}

void OfferSolver::Load(const Scenario& s, const World& w) {
  scenario_ = &s, world_ = &w;
  const int kc = static_cast<int>(continuous_.size());
  for (int c = 0; c < kc; ++c) status_quo_[c] = w.status_quo[continuous_[c]];
  for (int a = 0; a < actors_; ++a) {
    const double r = w.risk[a];
    risk_[a] = r;
    // As model Utility: an actor that cares about nothing has utility 1.
    indifferent_[a] = (w.salience.row(a) == 0).all();
    double base = indifferent_[a] ? 1.0 : 0.0;
    for (int c = 0; c < kc; ++c) {
      salience_(a, c) = w.salience(a, continuous_[c]);
      ideal_(a, c) = w.position(a, continuous_[c]);
      base += salience_(a, c);
    }
    base_[a] = base;
    // Ordinal issues: s·v per level, from the value table where one is given.
    for (size_t o = 0; o < ordinal_.size(); ++o) {
      const int k = ordinal_[o], count = s.issues[k].LevelCount();
      const double sal = w.salience(a, k), theta = w.position(a, k);
      const int offset = s.value_offset.size() ? s.value_offset(a, k) : -1;
      for (int l = 0; l < count; ++l) {
        double v = offset >= 0 ? w.level_value[offset + l]
                               : 1.0 - LossPower(static_cast<double>(l) / (count - 1) - theta, r);
        level_term_(a, level_offset_[o] + l) = sal == 0 ? 0.0 : sal * v;
      }
    }
    // K_a per combination of levels (a mixed-radix number, first issue fastest).
    for (long long combo = 0; combo < combos_; ++combo) {
      double k = base;
      long long rest = combo;
      for (size_t o = 0; o < ordinal_.size(); ++o) {
        const int count = s.issues[ordinal_[o]].LevelCount();
        k += level_term_(a, level_offset_[o] + static_cast<int>(rest % count));
        rest /= count;
      }
      combo_constant_(a, combo) = k;
    }
  }
}

Offer OfferSolver::NewOffer() const {
  Offer offer;
  offer.terms.assign(issues_, 0.0);
  offer.multiplier.assign(actors_, 0.0);
  return offer;
}

WarmStart OfferSolver::NewWarmStart() const {
  WarmStart warm;
  warm.lambda.assign(static_cast<size_t>(combos_) * actors_, 0.0);
  warm.previous = warm.older = warm.bound = warm.lambda;
  warm.q.assign(combos_, -kInf);
  warm.kept.assign(combos_, 0), warm.solutions.assign(combos_, 0);
  return warm;
}

// Model Utility's arithmetic, term by term and in issue order (so the result
// is the same double), from the arrays Load keeps (column-major: actor
// fastest, hence the stride).
double OfferSolver::Utility(int actor, const double* terms) const {
  if (indifferent_[actor]) return 1.0;
  const double r = risk_[actor];
  const Eigen::Index stride = salience_.rows();
  const double *sal = salience_.data() + actor, *ideal = ideal_.data() + actor;
  const double* level_term = level_term_.data() + actor;
  double u = 0;
  for (int k = 0; k < issues_; ++k) {
    const int slot = issue_slot_[k];
    if (slot >= 0) {
      const double s = sal[slot * stride];
      if (s != 0) u += s * (1.0 - LossPower(terms[k] - ideal[slot * stride], r));
      continue;
    }
    // The level, rounded as Issue::LevelOf does for terms in [0, 1]; off a
    // level (or should the rounding differ), defer to model Utility.
    const int o = -slot - 1, last = level_last_[o], level = static_cast<int>(terms[k] * last + 0.5);
    if (!(level >= 0 && level <= last && terms[k] == static_cast<double>(level) / last))
      return parley::Utility(*scenario_, *world_, actor, terms);
    u += level_term[(level_offset_[o] + level) * stride];
  }
  return u;
}

double OfferSolver::Derivative(int actor, int c, double x) const {
  const double d = x - ideal_(actor, c), r = risk_[actor];
  const double magnitude = r == 1.0 ? 1.0 : r * LossPower(d, r - 1);
  return -salience_(actor, c) * (d >= 0 ? magnitude : -magnitude);
}

double OfferSolver::Curvature(int actor, int c, double x) const {
  const double ad = std::fabs(x - ideal_(actor, c)), r = risk_[actor], s = salience_(actor, c);
  if (s == 0 || r == 1.0) return 0.0;
  if (r == 2.0) return -2 * s;
  if (ad == 0) return r < 2 ? -kInf : 0.0;
  return -s * r * (r - 1) * std::pow(ad, r - 2);
}

void OfferSolver::SetParticipants(int proposer, const int* responders, int count) {
  n_ = count + 1;
  part_[0] = proposer;
  for (int j = 0; j < count; ++j) part_[j + 1] = responders[j];
  // Piecewise-linear problem: every participant has risk 1.
  linear_ = true;
  for (int i = 0; i < n_; ++i) linear_ &= risk_[part_[i]] == 1.0;
  smooth_ = method_ == Method::kAuto &&
            dual_.Load(n_, part_.data(), salience_, ideal_, risk_, status_quo_.data());
}

void OfferSolver::SetCombo(long long combo) {
  combo_ = combo;
  for (int i = 0; i < n_; ++i) constant_[i] = combo_constant_(part_[i], combo);
}

void OfferSolver::WriteTerms(const double* x, double* terms) const {
  for (size_t c = 0; c < continuous_.size(); ++c) terms[continuous_[c]] = x[c];
  long long combo = combo_;
  for (size_t o = 0; o < ordinal_.size(); ++o) {
    const int count = scenario_->issues[ordinal_[o]].LevelCount();
    terms[ordinal_[o]] = static_cast<double>(combo % count) / (count - 1);
    combo /= count;
  }
}

// Bounds B_j = K_j − R_j of the current combination; false when a threshold
// exceeds what its responder can get at best (a hair above is attainable).
bool OfferSolver::SetBounds(const double* thresholds) {
  for (int j = 1; j < n_; ++j) {
    const double bound = constant_[j] - thresholds[j - 1];
    if (bound < -kFeasibleTol) return false;
    bound_[j] = std::max(bound, 0.0);
  }
  return true;
}

// The current combination, bounds set: found, infeasible, or unable to beat
// the utility `best` (−inf: no incumbent). start (nullable): starting
// multipliers. Unless infeasible, multiplier receives the final multipliers
// and q_ the dual value there (−inf when the recursive method answered).
OfferSolver::Result OfferSolver::SolveCurrent(double best, const double* start, double* terms,
                                              double* multiplier, double& utility) {
  q_ = -kInf;
  if (smooth_) {
    for (int j = 1; j < n_; ++j) lambda_[j] = start ? start[j - 1] : 0.0;
    // u_p = K_p − L_p: a loss bound of K_p − best means no improvement.
    const double cutoff = best == -kInf ? kInf : constant_[0] - best;
    const DualNewton::Status status = dual_.Solve(bound_.data(), cutoff, lambda_.data(), x_.data());
    stats_.evaluations += dual_.Evaluations(), stats_.iterations += dual_.Iterations();
    for (int j = 1; j < n_; ++j) multiplier[j - 1] = lambda_[j];
    q_ = dual_.Value();
    switch (status) {
      case DualNewton::Status::kSolved:
        ++stats_.fast;
        WriteTerms(x_.data(), terms);
        utility = Utility(part_[0], terms);
        return Result::kFound;
      case DualNewton::Status::kInfeasible:
        ++stats_.fast;
        return Result::kInfeasible;
      case DualNewton::Status::kDominated:
        ++stats_.pruned;
        return Result::kDominated;
      case DualNewton::Status::kUnknown:
        ++stats_.fallback, q_ = -kInf;
        break;
    }
  } else {
    ++stats_.recursive;
  }
  return SolveRecursive(terms, multiplier, utility) ? Result::kFound : Result::kInfeasible;
}

bool OfferSolver::SolveCombo(long long combo, int proposer, const int* responders, int count,
                             const double* thresholds, Offer& out) {
  SetParticipants(proposer, responders, count);
  SetCombo(combo);
  if (!SetBounds(thresholds)) return false;
  double* multiplier = out.multiplier.data();
  return SolveCurrent(-kInf, nullptr, out.terms.data(), multiplier, out.proposer_utility) == Result::kFound;
}

// The starting multipliers for a combination: none, the last kept, or the
// extrapolation of the last two or three solutions (clamped at 0).
const double* OfferSolver::WarmPoint(const WarmStart* warm, long long combo, int count) {
  if (!warm || !warm->kept[combo]) return nullptr;
  const size_t at = static_cast<size_t>(combo) * actors_;
  const double *last = &warm->lambda[at], *before = &warm->previous[at], *oldest = &warm->older[at];
  const int kept = warm->solutions[combo];
  for (int j = 0; j < count; ++j) {
    const double linear = 2 * last[j] - before[j], quadratic = 3 * (last[j] - before[j]) + oldest[j];
    start_[j] = std::max(0.0, kept < 2 ? last[j] : (kept == 2 ? linear : quadratic));
  }
  return start_.data();
}

// Weak duality without solving: x(λ) does not depend on the bounds, so the
// dual value at the kept λ under the new bounds is q_kept + Σ λ_j (B_kept − B_j);
// at least K_p − best, this combination cannot beat the incumbent.
bool OfferSolver::PrunedByWarm(const WarmStart* warm, long long combo, int count, double best) const {
  if (!warm || !warm->kept[combo] || warm->q[combo] == -kInf || best == -kInf) return false;
  const size_t at = static_cast<size_t>(combo) * actors_;
  double q = warm->q[combo];
  for (int j = 0; j < count; ++j) q += warm->lambda[at + j] * (warm->bound[at + j] - bound_[j + 1]);
  return DualNewton::Dominates(q, constant_[0] - best);
}

// Keeps the multipliers just found (in mult_cur_, with q_): a solution's, or
// those that pruned the combination.
void OfferSolver::Remember(WarmStart* warm, long long combo, int count, bool solution) const {
  if (!warm) return;
  const size_t at = static_cast<size_t>(combo) * actors_;
  std::copy(&warm->previous[at], &warm->previous[at] + count, &warm->older[at]);
  std::copy(&warm->lambda[at], &warm->lambda[at] + count, &warm->previous[at]);
  std::copy(mult_cur_.begin(), mult_cur_.begin() + count, &warm->lambda[at]);
  std::copy(bound_.begin() + 1, bound_.begin() + 1 + count, &warm->bound[at]);
  warm->q[combo] = q_, warm->kept[combo] = 1;
  warm->solutions[combo] = solution ? std::min(warm->solutions[combo] + 1, 3) : 0;
}

bool OfferSolver::Solve(int proposer, const int* responders, int count, const double* thresholds, Offer& out,
                        WarmStart* warm) {
  SetParticipants(proposer, responders, count);
  long long best_combo = -1;
  double best = -kInf;
  // The last offer's combination first (it likely wins and prunes the rest),
  // then the others in order; ties go to the lowest combination, as in order.
  const long long first = warm && warm->best >= 0 ? warm->best : 0;
  for (long long k = 0; k < combos_; ++k) {
    const long long combo = k == 0 ? first : (k <= first ? k - 1 : k);
    SetCombo(combo);
    // The proposer's best case here (no loss at all) cannot beat the incumbent.
    if (constant_[0] < best || (constant_[0] == best && combo > best_combo)) continue;
    if (!SetBounds(thresholds)) continue;
    if (PrunedByWarm(warm, combo, count, best)) {
      ++stats_.pruned;
      continue;
    }
    double u;
    // No start of its own: the incumbent's multipliers are a fair guess.
    const double* start = WarmPoint(warm, combo, count);
    if (!start && best_combo >= 0) start = out.multiplier.data();
    const Result result = SolveCurrent(best, start, terms_cur_.data(), mult_cur_.data(), u);
    if (result == Result::kInfeasible) continue;
    Remember(warm, combo, count, result == Result::kFound);
    if (result == Result::kDominated || u < best || (u == best && combo > best_combo)) continue;
    best_combo = combo, best = u;
    std::copy(terms_cur_.begin(), terms_cur_.end(), out.terms.begin());
    std::copy(mult_cur_.begin(), mult_cur_.begin() + count, out.multiplier.begin());
    out.proposer_utility = u;
  }
  if (warm) warm->best = best_combo;
  return best_combo >= 0;
}

}  // namespace parley
