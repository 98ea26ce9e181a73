// The `parley-mpi` executable: `mpirun -np K parley-mpi run ...` splits the
// replicates' chunks over K ranks (montecarlo/runner.cpp) and gives the same
// summary.json, byte for byte, as `parley run` with the same seed. Rank 0
// alone prints and writes files: the other ranks' stdout goes to /dev/null,
// their stderr is kept for failures.
#include <mpi.h>

#include <cstdio>

#include "cli/commands.h"
#include "cli/mpi/mpi_cluster.h"

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int code = 0;
  {
    parley::MpiCluster cluster;
    if (cluster.rank() != 0 && !std::freopen("/dev/null", "w", stdout)) return 1;
    code = parley::cli::Main(argc, argv, cluster);
  }
  MPI_Finalize();
  return code;
}
