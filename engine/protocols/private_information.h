// Beliefs about a private war cost for alternating_offers under
// `information: private` (docs/model.md §5; the model is documented in
// alternating_offers.h).
//
// A belief is the common prior of a drawn parameter truncated to an interval,
// kept in the prior's probability scale: the cost c is believed to lie where
// F(c) is in [lo, hi], F the prior's CDF (initially [0, 1]). Rejections cut
// hi, acceptances raise lo (Bayes' rule by truncation). Nothing allocates.
#pragma once

#include "core/distribution.h"

namespace parley {

// The CDF of a distribution, consistent with Distribution::Quantile (the same
// truncation of normal and lognormal, the same scaling of beta). Constant and
// choice distributions give step functions.
double PriorCdf(const Distribution& dist, double x);

// A prior with spread: false for constants and degenerate supports.
bool HasSpread(const Distribution& dist);

struct CostBelief {
  const Distribution* prior = nullptr;  // null: the cost is common knowledge
  double lo = 0, hi = 1;                // in the prior's probability scale

  void Reset() { lo = 0, hi = 1; }
  bool Uncertain() const { return prior && hi - lo > 1e-14; }
  // The belief's quantile at level s in [0, 1] (cost units of the prior).
  double Quantile(double s) const { return prior->Quantile(lo + s * (hi - lo)); }
  // P(c >= cut | belief): the chance that a responder whose threshold falls
  // with c accepts when it needs c >= cut.
  double ProbAtLeast(double cut) const;
  // Updates after an answer that revealed c < cut (reject) or c >= cut (accept).
  void Reject(double cut);
  void Accept(double cut);
  // The belief interval in cost units.
  double Low() const { return prior->Quantile(lo); }
  double High() const { return prior->Quantile(hi); }
};

}  // namespace parley
