#include "cli/replicate_rows.h"

#include "core/text.h"

namespace parley::cli {

std::string ReplicateHeader(const Scenario& s) {
  std::string out = "replicate,deal,cause,round,proposer";
  for (const Issue& issue : s.issues) out += ",terms." + issue.name;
  for (const Actor& actor : s.actors) out += ",value." + actor.name;
  return out + "\n";
}

std::string TermText(const Scenario& s, int k, double x) {
  const Issue& issue = s.issues[k];
  return issue.ordinal ? issue.levels[issue.LevelOf(x)] : FormatNumber(issue.FromUnit(x));
}

void AppendReplicateRow(const Scenario& s, std::uint64_t replicate, const Outcome& o, std::string& out) {
  out += std::to_string(replicate);
  out += o.deal ? ",1," : ",0,";
  out += NoDealCauseName(o.cause);
  out += "," + (o.deal ? std::to_string(o.round) : std::string());
  out += "," + (o.proposer >= 0 ? s.actors[o.proposer].name : std::string());
  for (int k = 0; k < s.NumIssues(); ++k) out += "," + (o.deal ? TermText(s, k, o.terms[k]) : std::string());
  for (int a = 0; a < s.NumActors(); ++a) out += "," + FormatNumber(o.value[a]);
  out += "\n";
}

}  // namespace parley::cli
