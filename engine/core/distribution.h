// Parameter distributions of the scenario schema (docs/schema.md).
//
// Every distribution is sampled by its inverse CDF (Boost.Math quantiles), so
// one uniform from the parameter's own stream gives one draw: a variant that
// changes one parameter leaves every other draw unchanged.
#pragma once

#include <boost/math/policies/policy.hpp>
#include <limits>
#include <string>
#include <vector>

namespace parley {

// Boost.Math evaluates in double rather than promoting to long double: the
// x87 long double paths (powl, expl, logl) cost more than half of a beta
// quantile, and double keeps Boost's few-ulp accuracy. Every draw of every
// replicate takes the same path, so results stay reproducible.
using MathPolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

enum class DistKind { Constant, Uniform, Normal, Beta, Triangular, Lognormal, Choice };

const char* DistKindName(DistKind kind);

struct Distribution {
  DistKind kind = DistKind::Constant;
  double value = 0;  // Constant
  // Uniform, Triangular: [low, high]; Normal, Lognormal: optional truncation;
  // Beta: the interval the standard beta is stretched to (default [0, 1]).
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  double mode = 0;           // Triangular
  double mean = 0, sd = 0;   // Normal; Lognormal: mu and sigma of log x
  double alpha = 0, beta = 0;  // Beta (mean/sd are converted on construction)
  std::vector<double> values;  // Choice
  std::vector<double> cumulative;  // Choice: normalised cumulative weights

  static Distribution Constant(double v);
  static Distribution Uniform(double low, double high);
  static Distribution Normal(double mean, double sd, double low, double high);
  static Distribution BetaAlphaBeta(double alpha, double beta, double low, double high);
  static Distribution Triangular(double low, double mode, double high);
  static Distribution Lognormal(double mu, double sigma, double low, double high);
  static Distribution Choice(std::vector<double> values, std::vector<double> weights);

  bool IsConstant() const { return kind == DistKind::Constant; }
  // Inverse CDF at u in (0, 1).
  double Quantile(double u) const;
  double Sample(double u) const { return Quantile(u); }
  // Smallest interval holding every possible draw.
  double SupportLow() const;
  double SupportHigh() const;
  double Mean() const;
};

// The parameters of a beta distribution with the given mean and sd on [0, 1];
// empty message when they exist, else why not.
std::string BetaFromMeanSd(double mean, double sd, double* alpha, double* beta);

}  // namespace parley
