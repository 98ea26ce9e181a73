// The ranks of an MPI job as a Cluster (montecarlo/cluster.h), for parley-mpi.
#pragma once

#include <mpi.h>

#include "montecarlo/cluster.h"

namespace parley {

class MpiCluster final : public Cluster {
 public:
  MpiCluster();
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void SumToRoot(std::vector<std::int64_t>& values) override;
  void MinToRoot(std::vector<double>& values) override;
  void MaxToRoot(std::vector<double>& values) override;
  std::vector<std::vector<double>> GatherToRoot(const std::vector<double>& values) override;
  bool AnyRank(bool flag) override;
  void BroadcastFromRoot(std::vector<double>& values) override;
  [[noreturn]] void Abort(int code) override;

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace parley
