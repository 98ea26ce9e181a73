#include "api/replicate_rows.h"

#include "core/text.h"
#include "protocols/private_information.h"

namespace parley::api {

namespace {

// The parameters a replicate draws: those with a spread, in parameter order.
bool Drawn(const Param& p) { return HasSpread(p.dist); }

}  // namespace

std::string ReplicateHeader(const Scenario& s) {
  std::string out = "replicate,deal,cause,round,proposer";
  for (const Issue& issue : s.issues) out += ",terms." + issue.name;
  for (const Actor& actor : s.actors) out += ",value." + actor.name;
  for (const Actor& actor : s.actors) out += ",no_deal_value." + actor.name;
  for (const Actor& actor : s.actors) out += ",gain." + actor.name;
  for (const Event& event : s.events) out += ",fired." + event.id;
  for (const Event& event : s.events) out += ",fired_round." + event.id;
  for (const Param& p : s.params)
    if (Drawn(p)) out += "," + p.path;
  return out + "\n";
}

std::string TermText(const Scenario& s, int k, double x) {
  const Issue& issue = s.issues[k];
  return issue.ordinal ? issue.levels[issue.LevelOf(x)] : FormatNumber(issue.FromUnit(x));
}

void AppendReplicateRow(const Scenario& s, std::uint64_t replicate, const World& drawn, const Outcome& o,
                        std::string& out) {
  out += std::to_string(replicate);
  out += o.deal ? ",1," : ",0,";
  out += NoDealCauseName(o.cause);
  out += "," + (o.deal ? std::to_string(o.round) : std::string());
  out += "," + (o.proposer >= 0 ? s.actors[o.proposer].name : std::string());
  for (int k = 0; k < s.NumIssues(); ++k) out += "," + (o.deal ? TermText(s, k, o.terms[k]) : std::string());
  for (int a = 0; a < s.NumActors(); ++a) out += "," + FormatNumber(o.value[a]);
  for (int a = 0; a < s.NumActors(); ++a) out += "," + FormatNumber(o.no_deal_value[a]);
  for (int a = 0; a < s.NumActors(); ++a) out += "," + FormatNumber(o.value[a] - o.no_deal_value[a]);
  for (size_t e = 0; e < s.events.size(); ++e) out += o.events_fired[e] ? ",1" : ",0";
  for (size_t e = 0; e < s.events.size(); ++e)
    out += "," + (o.events_round[e] >= 0 ? std::to_string(o.events_round[e]) : std::string());
  for (size_t i = 0; i < s.params.size(); ++i)
    if (Drawn(s.params[i])) out += "," + FormatNumber(drawn.param[static_cast<Eigen::Index>(i)]);
  out += "\n";
}

}  // namespace parley::api
