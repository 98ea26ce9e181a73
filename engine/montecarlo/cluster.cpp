#include "montecarlo/cluster.h"

#include <cstdlib>

namespace parley {

void Cluster::Abort(int code) { std::exit(code); }

Cluster& SingleProcess() {
  static Cluster single;
  return single;
}

}  // namespace parley
