// The processes one run is split over: this process alone (the default), or
// the ranks of an MPI job when the `parley-mpi` executable installs its
// MpiCluster (cli/mpi/mpi_cluster.cpp) and passes it in (RunOptions::cluster). The runner splits the chunks over the
// ranks and gathers their results to rank 0 through this interface, so the
// engine does not depend on MPI.
#pragma once

#include <cstdint>
#include <vector>

namespace parley {

class Cluster {
 public:
  virtual ~Cluster() = default;
  virtual int rank() const { return 0; }
  virtual int size() const { return 1; }
  // Element-wise reductions onto rank 0 (values elsewhere are left as they are).
  virtual void SumToRoot(std::vector<std::int64_t>& /*values*/) {}
  virtual void MinToRoot(std::vector<double>& /*values*/) {}
  virtual void MaxToRoot(std::vector<double>& /*values*/) {}
  // Every rank's values on rank 0, one vector per rank (empty elsewhere).
  virtual std::vector<std::vector<double>> GatherToRoot(const std::vector<double>& values) { return {values}; }
  // True on every rank when it is true on any.
  virtual bool AnyRank(bool flag) { return flag; }
  // Rank 0's values on every rank (the tuning commands use it so that every
  // rank takes the decisions rank 0 takes from the gathered results).
  virtual void BroadcastFromRoot(std::vector<double>& /*values*/) {}
  // Ends every rank of the job with this exit code (after an error on one).
  [[noreturn]] virtual void Abort(int code);
};

// This process alone: the cluster a run uses when it is given none. The
// base class holds no state, so one shared instance is a constant.
Cluster& SingleProcess();
inline Cluster& ClusterOr(Cluster* cluster) { return cluster ? *cluster : SingleProcess(); }

}  // namespace parley
