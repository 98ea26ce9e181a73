#include "api/context.h"

#include <algorithm>
#include <thread>

namespace parley::api {

int Context::Threads() const {
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

RunSettings MakeRunSettings(const Scenario& s, const Context& context) {
  RunSettings settings;
  settings.seed = s.seed;
  settings.replicates = s.replicates;
  settings.threads = context.Threads();
  settings.stop = context.stop;
  settings.cluster = context.cluster;
  return settings;
}

}  // namespace parley::api
