// parley-mpi with a test double for the ranks: rank 1 fails when it hands its
// chunks to rank 0 (the first gather), so the test sees what a rank that
// fails mid-run does to the job: every rank ends, with a message naming the
// rank, a non-zero exit and no output. The engine has no fault switch of its
// own; the double is the only way in.
#include <mpi.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "cli/commands.h"
#include "cli/mpi/mpi_cluster.h"

namespace {

class FaultyCluster final : public parley::Cluster {
 public:
  FaultyCluster(parley::Cluster& ranks, int failing) : ranks_(ranks), failing_(failing) {}
  int rank() const override { return ranks_.rank(); }
  int size() const override { return ranks_.size(); }
  void SumToRoot(std::vector<std::int64_t>& v) override { ranks_.SumToRoot(v); }
  void MinToRoot(std::vector<double>& v) override { ranks_.MinToRoot(v); }
  void MaxToRoot(std::vector<double>& v) override { ranks_.MaxToRoot(v); }
  std::vector<std::vector<double>> GatherToRoot(const std::vector<double>& v) override {
    if (rank() == failing_)
      throw std::runtime_error("fault injected by the test double on rank " + std::to_string(failing_));
    return ranks_.GatherToRoot(v);
  }
  bool AnyRank(bool flag) override { return ranks_.AnyRank(flag); }
  void BroadcastFromRoot(std::vector<double>& v) override { ranks_.BroadcastFromRoot(v); }
  [[noreturn]] void Abort(int code) override { ranks_.Abort(code); }

 private:
  parley::Cluster& ranks_;
  int failing_;
};

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int code = 0;
  {
    parley::MpiCluster ranks;
    FaultyCluster faulty(ranks, 1);
    if (ranks.rank() != 0 && !std::freopen("/dev/null", "w", stdout)) return 1;
    code = parley::cli::Main(argc, argv, faulty);
  }
  MPI_Finalize();
  return code;
}
