#include "protocols/offer_solver.h"

#include <algorithm>
#include <limits>

namespace parley {

namespace {

constexpr double kTight = 1e-15;  // a constraint this close to binding is binding
constexpr double kClose = 1e-13;  // bracket ends this close: finish on the segment
constexpr double kCertify = 1e-14;  // dual gap accepted as zero (linear losses)
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

void OfferSolver::Resize(const Scenario& s) {
  scenario_ = &s;
  actors_ = s.NumActors(), issues_ = s.NumIssues();
  continuous_.clear(), ordinal_.clear(), level_offset_.clear();
  // Ordinal issues are enumerated as a mixed-radix number.
  int total_levels = 0;
  combos_ = 1;
  for (int k = 0; k < issues_; ++k) {
    if (!s.issues[k].ordinal) {
      continuous_.push_back(k);
      continue;
    }
    ordinal_.push_back(k);
    level_offset_.push_back(total_levels);
    total_levels += s.issues[k].LevelCount();
    combos_ *= s.issues[k].LevelCount();
  }
  const int kc = static_cast<int>(continuous_.size()), n = actors_;
  salience_.setZero(n, kc), ideal_.setZero(n, kc);
  risk_.setZero(n), base_.setZero(n);
  level_term_.setZero(n, total_levels);
  status_quo_.assign(kc, 0.0);
  part_.assign(n, 0), levels_.assign(ordinal_.size(), 0);
  constant_.assign(n, 0.0), bound_.assign(n, 0.0);
  terms_.assign(n, IssueTerm{});
  scratch_.assign(n + 1, Level{});
  for (Level& level : scratch_) {
    level.weights.assign(n, 0.0);
    for (auto& x : level.x) x.assign(kc, 0.0);
    for (auto& nu : level.nu) nu.assign(n, 0.0);
  }
  x_.assign(kc, 0.0), nu_.assign(n, 0.0);
  terms_cur_.assign(issues_, 0.0), mult_cur_.assign(n, 0.0);
}

void OfferSolver::Load(const Scenario& s, const World& w) {
  scenario_ = &s, world_ = &w;
  const int kc = static_cast<int>(continuous_.size());
  for (int c = 0; c < kc; ++c) status_quo_[c] = w.status_quo[continuous_[c]];
  for (int a = 0; a < actors_; ++a) {
    const double r = w.risk[a];
    risk_[a] = r;
    // As model Utility: an actor that cares about nothing has utility 1.
    double base = (w.salience.row(a) == 0).all() ? 1.0 : 0.0;
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
  }
}

Offer OfferSolver::NewOffer() const {
  Offer offer;
  offer.terms.assign(issues_, 0.0);
  offer.multiplier.assign(actors_, 0.0);
  return offer;
}

double OfferSolver::Utility(int actor, const double* terms) const {
  return parley::Utility(*scenario_, *world_, actor, terms);
}

double OfferSolver::Derivative(int actor, int c, double x) const {
  const double d = x - ideal_(actor, c), r = risk_[actor];
  const double magnitude = r == 1.0 ? 1.0 : r * LossPower(d, r - 1);
  return -salience_(actor, c) * (d >= 0 ? magnitude : -magnitude);
}

void OfferSolver::SetParticipants(int proposer, const int* responders, int count) {
  n_ = count + 1;
  part_[0] = proposer;
  for (int j = 0; j < count; ++j) part_[j + 1] = responders[j];
  // Piecewise-linear problem: every participant has risk 1.
  linear_ = true;
  for (int i = 0; i < n_; ++i) linear_ &= risk_[part_[i]] == 1.0;
}

void OfferSolver::SetCombo(long long combo) {
  for (size_t o = 0; o < ordinal_.size(); ++o) {
    const int count = scenario_->issues[ordinal_[o]].LevelCount();
    levels_[o] = static_cast<int>(combo % count);
    combo /= count;
  }
  for (int i = 0; i < n_; ++i) {
    double k = base_[part_[i]];
    for (size_t o = 0; o < ordinal_.size(); ++o) k += level_term_(part_[i], level_offset_[o] + levels_[o]);
    constant_[i] = k;
  }
}

void OfferSolver::WriteTerms(const double* x, double* terms) const {
  for (size_t c = 0; c < continuous_.size(); ++c) terms[continuous_[c]] = x[c];
  for (size_t o = 0; o < ordinal_.size(); ++o) {
    const int count = scenario_->issues[ordinal_[o]].LevelCount();
    terms[ordinal_[o]] = static_cast<double>(levels_[o]) / (count - 1);
  }
}

void OfferSolver::Argmin(const double* weights, double* x) {
  const int kc = static_cast<int>(continuous_.size());
  for (int c = 0; c < kc; ++c) {
    int n = 0;
    for (int i = 0; i < n_; ++i) {
      const int a = part_[i];
      double w = weights[i] * salience_(a, c);
      if (w > 0) terms_[n++] = {w, ideal_(a, c), risk_[a]};
    }
    // Nobody the objective weighs cares: settle by everyone present, else status quo.
    if (n == 0)
      for (int i = 0; i < n_; ++i) {
        const int a = part_[i];
        if (salience_(a, c) > 0) terms_[n++] = {salience_(a, c), ideal_(a, c), risk_[a]};
      }
    x[c] = n == 0 ? status_quo_[c] : IssueArgmin(terms_.data(), n);
  }
}

double OfferSolver::Loss(int participant, const double* x) const {
  const int a = part_[participant];
  double loss = 0;
  for (size_t c = 0; c < continuous_.size(); ++c)
    loss += salience_(a, c) * LossPower(x[c] - ideal_(a, c), risk_[a]);
  return loss;
}

// Minimises Σ weights_i·L_i subject to L_j <= B_j for participants 1..m.
// nu[1..m] receives the multipliers in the units of `weights`.
bool OfferSolver::SolveLevel(int m, const double* weights, double* x, double* nu) {
  if (m == 0) {
    Argmin(weights, x);
    return true;
  }
  Level& s = scratch_[m];
  s.outer = weights;
  // Responder m aside: if the best point for the objective suits it, done.
  const double f0 = Evaluate(m, 0.0, 0);
  if (f0 == kInf) return false;
  if (f0 <= 0) {
    std::copy(s.x[0].begin(), s.x[0].end(), x);
    std::copy(s.nu[0].begin(), s.nu[0].begin() + m, nu);
    nu[m] = 0;
    return true;
  }
  // Responder m's own best point (t = 1): if even that falls short, infeasible.
  const double f1 = Evaluate(m, 1.0, 1);
  if (f1 > kFeasibleTol) return false;
  Bracket br{0.0, f0, 1.0, std::min(f1, 0.0), 0, 1};
  const double t = Search(m, br);
  // The answer: the feasible end if binding, else the root on the segment.
  if (br.fb >= -kTight)
    std::copy(s.x[br.slot_b].begin(), s.x[br.slot_b].end(), x);
  else
    Segment(m, s.x[br.slot_a].data(), s.x[br.slot_b].data(), br.fa, br.fb, x);
  // Back to the units of `weights`: divide by the objective's share 1 − t.
  const double share = 1 - t;
  for (int j = 1; j < m; ++j) nu[j] = share > 0 ? s.nu[br.slot_b][j] / share : kInf;
  nu[m] = share > 0 ? t / share : kInf;
  return true;
}

// x(t) into slot: the inner problem with objective (1−t)·outer + t·L_m.
// Returns L_m(x(t)) − B_m, or +inf when the inner problem is infeasible.
double OfferSolver::Evaluate(int m, double t, int slot) {
  Level& s = scratch_[m];
  for (int i = 0; i < n_; ++i) s.weights[i] = (1 - t) * s.outer[i] + (i == m ? t : 0.0);
  if (!SolveLevel(m - 1, s.weights.data(), s.x[slot].data(), s.nu[slot].data())) return kInf;
  double objective = 0;
  for (int i = 0; i < n_; ++i)
    if (s.outer[i] != 0) objective += s.outer[i] * Loss(i, s.x[slot].data());
  s.objective[slot] = objective;
  return Loss(m, s.x[slot].data()) - bound_[m];
}

// Whether the two bracket ends' points are within kClose on every issue.
bool OfferSolver::Close(int m, const Bracket& br) const {
  const Level& s = scratch_[m];
  const double *xa = s.x[br.slot_a].data(), *xb = s.x[br.slot_b].data();
  for (size_t c = 0; c < continuous_.size(); ++c)
    if (std::fabs(xa[c] - xb[c]) > kClose) return false;
  return true;
}

// Root search on t for L_m(x(t)) = B_m. Smooth losses: regula falsi with the
// Illinois correction, until the ends are within kClose or the feasible end
// binds. Linear losses: x(t) is piecewise constant and the dual function
// φ(t) = min (1−t)·F + t·(L_m − B_m) piecewise linear, so Kelley's cutting
// plane: try where the two ends' tangent lines cross; when φ reaches the
// lines there, both ends minimise the Lagrangian at that t and the segment
// between them holds the exact answer. Smooth searches that stall (a
// near-jump) take a cutting-plane step too. Returns the multiplier's t.
double OfferSolver::Search(int m, Bracket& br) {
  Level& s = scratch_[m];
  double ga = br.fa, gb = br.fb;  // end values, Illinois-scaled, for the secant
  int last = 0;                   // +1: a moved last, -1: b moved last
  double width_mark = br.b - br.a;
  for (int it = 0; it < 400 && br.fb < -kTight && !Close(m, br); ++it) {
    const double Fa = s.objective[br.slot_a], Fb = s.objective[br.slot_b];
    const double sa = br.fa - Fa, sb = br.fb - Fb;  // slopes of the lines F + t·(f − F)
    bool cutting = linear_;
    if (!linear_ && it % 3 == 2) {
      cutting = br.b - br.a > 0.5 * width_mark;
      width_mark = br.b - br.a;
    }
    double t = cutting ? (Fb - Fa) / (sa - sb) : br.b - gb * (br.b - br.a) / (gb - ga);
    if (!(t > br.a && t < br.b)) t = 0.5 * (br.a + br.b), cutting = false;
    if (t <= br.a || t >= br.b) break;
    const int slot = 3 - br.slot_a - br.slot_b;
    const double f = Evaluate(m, t, slot);
    const double line = Fa + t * sa;
    if (cutting && (1 - t) * s.objective[slot] + t * f >= line - kCertify * (1 + std::fabs(line))) return t;
    if (f > 0) {
      br.a = t, br.fa = ga = f, br.slot_a = slot;
      if (last == 1) gb *= 0.5;
      last = 1;
    } else {
      br.b = t, br.fb = gb = f, br.slot_b = slot;
      if (last == -1) ga *= 0.5;
      last = -1;
    }
  }
  return br.b;
}

// The point of the segment xa → xb where L_m = B_m (L_m convex on it, above
// B_m at xa, not above at xb). Returns the feasible side of the final bracket.
void OfferSolver::Segment(int m, const double* xa, const double* xb, double fa, double fb, double* x) {
  const int kc = static_cast<int>(continuous_.size());
  double* point = scratch_[m].x[3].data();
  // Interpolated from the nearer end, so both ends are reproduced exactly.
  auto at = [&](double alpha, double* out) {
    for (int c = 0; c < kc; ++c)
      out[c] = alpha <= 0.5 ? xa[c] + alpha * (xb[c] - xa[c]) : xb[c] + (1 - alpha) * (xa[c] - xb[c]);
  };
  auto eval = [&](double alpha, int) {
    at(alpha, point);
    return Loss(m, point) - bound_[m];
  };
  Bracket br{0.0, fa, 1.0, fb, 0, 1};
  ShrinkBracket(br, kTight, eval, [](const Bracket&) { return false; });
  at(br.b, x);
}

bool OfferSolver::SolveCurrent(const double* thresholds, double* terms, double* multiplier, double& utility) {
  // Bounds on the losses; a threshold a hair above the best case is attainable.
  for (int j = 1; j < n_; ++j) {
    double bound = constant_[j] - thresholds[j - 1];
    if (bound < -kFeasibleTol) return false;
    bound_[j] = std::max(bound, 0.0);
  }
  double* weights = scratch_[0].weights.data();
  std::fill(weights, weights + n_, 0.0);
  weights[0] = 1.0;
  if (!SolveLevel(n_ - 1, weights, x_.data(), nu_.data())) return false;
  WriteTerms(x_.data(), terms);
  for (int j = 1; j < n_; ++j) multiplier[j - 1] = nu_[j];
  utility = Utility(part_[0], terms);
  return true;
}

bool OfferSolver::SolveCombo(long long combo, int proposer, const int* responders, int count,
                             const double* thresholds, Offer& out) {
  SetParticipants(proposer, responders, count);
  SetCombo(combo);
  return SolveCurrent(thresholds, out.terms.data(), out.multiplier.data(), out.proposer_utility);
}

bool OfferSolver::Solve(int proposer, const int* responders, int count, const double* thresholds, Offer& out) {
  SetParticipants(proposer, responders, count);
  bool found = false;
  double best = -kInf;
  for (long long combo = 0; combo < combos_; ++combo) {
    SetCombo(combo);
    // The proposer's best case here (no loss at all) cannot beat the incumbent.
    if (found && constant_[0] <= best) continue;
    double u;
    if (!SolveCurrent(thresholds, terms_cur_.data(), mult_cur_.data(), u) || (found && u <= best)) continue;
    found = true, best = u;
    std::copy(terms_cur_.begin(), terms_cur_.end(), out.terms.begin());
    std::copy(mult_cur_.begin(), mult_cur_.begin() + count, out.multiplier.begin());
    out.proposer_utility = u;
  }
  return found;
}

}  // namespace parley
