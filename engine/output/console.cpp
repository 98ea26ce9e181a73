#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "core/text.h"
#include "output/summary.h"

namespace parley {

static std::string Fixed(const Json& value, int digits = 3) {
  if (value.is_null()) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value.get<double>());
  return buffer;
}

static std::string Line(const char* format, ...) __attribute__((format(printf, 1, 2)));
static std::string Line(const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return std::string(buffer) + "\n";
}

static std::string IssueLines(const Json& issues) {
  std::string out;
  for (auto& [name, issue] : issues.items()) {
    if (issue["kind"] == "continuous") {
      const Json& q = issue["quantiles"];
      out += Line("  %-22s mean %s  sd %s  10%% %s  50%% %s  90%% %s", name.c_str(), Fixed(issue["mean"]).c_str(),
                  Fixed(issue["sd"]).c_str(), Fixed(q.value("0.1", Json())).c_str(),
                  Fixed(q.value("0.5", Json())).c_str(), Fixed(q.value("0.9", Json())).c_str());
    } else {
      std::string levels;
      for (auto& [level, p] : issue["p"].items()) levels += "  " + level + " " + Fixed(p);
      out += Line("  %-22s%s", name.c_str(), levels.c_str());
    }
  }
  return out;
}

std::string ConsoleTable(const Json& s) {
  std::string out;
  const Json& deal = s["deal"];
  out += Line("%s  (%s, %lld of %lld replicates%s, seed %llu)", s["scenario"]["name"].get<std::string>().c_str(),
              s["config"]["protocol"].get<std::string>().c_str(), s["replicates_done"].get<long long>(),
              s["config"]["replicates"].get<long long>(), s["complete"].get<bool>() ? "" : ", INCOMPLETE",
              s["config"]["seed"].get<unsigned long long>());
  std::string ci = deal["ci95"].is_null() ? "" : "  95% CI " + IntervalText(deal["ci95"][0], deal["ci95"][1], 3);
  out += Line("P(deal)      %s%s", Fixed(deal["p"]).c_str(), ci.c_str());
  const Json& nd = s["no_deal"];
  std::string causes;
  for (auto& [cause, share] : nd.items()) {
    std::string words = cause;
    std::replace(words.begin(), words.end(), '_', ' ');
    causes += (causes.empty() ? "" : "  ") + words + " " + Fixed(share);
  }
  out += Line("no deal      %s", causes.c_str());
  if (s["config"].contains("reading") && !s["config"]["reading"].get<std::string>().empty())
    out += "reading      " + s["config"]["reading"].get<std::string>() + "\n";
  const Json& r = s["rounds"];
  out += Line("deal round   mean %s  median %s  90%% %s", Fixed(r["mean"], 2).c_str(),
              r["quantiles"].contains("0.5") ? std::to_string(r["quantiles"]["0.5"].get<int>()).c_str() : "n/a",
              r["quantiles"].contains("0.9") ? std::to_string(r["quantiles"]["0.9"].get<int>()).c_str() : "n/a");
  out += "terms of deals\n" + IssueLines(s["issues"]);
  out += "actor values (all replicates)\n";
  for (auto& [name, actor] : s["actors"].items())
    out += Line("  %-22s mean %s  gain over no deal %s", name.c_str(), Fixed(actor["value"]["mean"]).c_str(),
                Fixed(actor["gain"]["mean"]).c_str());
  for (auto& [id, e] : s["events"].items())
    out += Line("event %-18s P(fired) %s  P(deal | fired) %s  P(deal | not) %s", id.c_str(), Fixed(e["p_fired"]).c_str(),
                Fixed(e["p_deal_if_fired"]).c_str(), Fixed(e["p_deal_if_not"]).c_str());
  int shown = 0;
  for (const Json& b : s["bundles"]) {
    if (shown++ == 0) out += "top packages (share of deals)\n";
    if (shown > 5) break;
    std::string terms;
    for (auto& [issue, label] : b["terms"].items()) terms += " " + issue + "=" + label.get<std::string>();
    out += Line("  %s %s", Fixed(b["p"]).c_str(), terms.c_str());
  }
  return out;
}

}  // namespace parley
