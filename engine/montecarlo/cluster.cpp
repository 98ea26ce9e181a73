#include "montecarlo/cluster.h"

#include <cstdlib>

namespace parley {

namespace {
Cluster g_single;
Cluster* g_current = &g_single;
}  // namespace

void Cluster::Abort(int code) { std::exit(code); }

Cluster& CurrentCluster() { return *g_current; }
void SetCluster(Cluster* cluster) { g_current = cluster ? cluster : &g_single; }

}  // namespace parley
