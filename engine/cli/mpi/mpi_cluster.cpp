#include "cli/mpi/mpi_cluster.h"

#include <cstdlib>

namespace parley {

MpiCluster::MpiCluster() {
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

namespace {
template <class T>
void ReduceToRoot(std::vector<T>& values, MPI_Datatype type, MPI_Op op, int rank) {
  const int n = static_cast<int>(values.size());
  if (rank == 0)
    MPI_Reduce(MPI_IN_PLACE, values.data(), n, type, op, 0, MPI_COMM_WORLD);
  else
    MPI_Reduce(values.data(), nullptr, n, type, op, 0, MPI_COMM_WORLD);
}
}  // namespace

void MpiCluster::SumToRoot(std::vector<std::int64_t>& values) { ReduceToRoot(values, MPI_INT64_T, MPI_SUM, rank_); }
void MpiCluster::MinToRoot(std::vector<double>& values) { ReduceToRoot(values, MPI_DOUBLE, MPI_MIN, rank_); }
void MpiCluster::MaxToRoot(std::vector<double>& values) { ReduceToRoot(values, MPI_DOUBLE, MPI_MAX, rank_); }

std::vector<std::vector<double>> MpiCluster::GatherToRoot(const std::vector<double>& values) {
  int count = static_cast<int>(values.size());
  std::vector<int> counts(rank_ == 0 ? size_ : 0), offsets(rank_ == 0 ? size_ : 0);
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<double> all;
  if (rank_ == 0) {
    int total = 0;
    for (int r = 0; r < size_; ++r) offsets[r] = total, total += counts[r];
    all.resize(total);
  }
  MPI_Gatherv(values.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE, 0,
              MPI_COMM_WORLD);
  std::vector<std::vector<double>> per_rank;
  for (int r = 0; rank_ == 0 && r < size_; ++r)
    per_rank.emplace_back(all.begin() + offsets[r], all.begin() + offsets[r] + counts[r]);
  return per_rank;
}

bool MpiCluster::AnyRank(bool flag) {
  int mine = flag ? 1 : 0, any = 0;
  MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return any != 0;
}

void MpiCluster::BroadcastFromRoot(std::vector<double>& values) {
  // The size first: the other ranks may not know how many values rank 0 has.
  std::int64_t count = static_cast<std::int64_t>(values.size());
  MPI_Bcast(&count, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
  values.resize(static_cast<size_t>(count));
  MPI_Bcast(values.data(), static_cast<int>(count), MPI_DOUBLE, 0, MPI_COMM_WORLD);
}

void MpiCluster::Abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);  // MPI_Abort does not return; this satisfies [[noreturn]]
}

}  // namespace parley
