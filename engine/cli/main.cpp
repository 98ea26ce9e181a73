// The `parley` executable: one process (see mpi/main_mpi.cpp for parley-mpi).
#include "cli/commands.h"

int main(int argc, char** argv) { return parley::cli::Main(argc, argv, parley::SingleProcess()); }
