#include "scenario/spec.h"

namespace parley {

int ScenarioSpec::IssueIndex(const std::string& n) const {
  for (size_t i = 0; i < issues.size(); ++i)
    if (issues[i].name == n) return static_cast<int>(i);
  return -1;
}

int ScenarioSpec::ActorIndex(const std::string& n) const {
  for (size_t i = 0; i < actors.size(); ++i)
    if (actors[i].name == n) return static_cast<int>(i);
  return -1;
}

}  // namespace parley
