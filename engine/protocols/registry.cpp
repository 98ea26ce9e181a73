#include "protocols/registry.h"

#include <utility>

#include "core/error.h"
#include "core/text.h"
#include "protocols/alternating_offers.h"
#include "protocols/concession.h"
#include "protocols/expected_utility.h"
#include "protocols/nash.h"
#include "protocols/schemas.h"

namespace parley {

namespace {

std::vector<ProtocolInfo> MakeRegistry() {
  std::vector<ProtocolInfo> list;

  ProtocolInfo ao;
  ao.name = "alternating_offers";
  ao.schema = &AlternatingOffersSchema();
  ao.unsupported = [](const Scenario&) { return std::string(); };
  ao.create = MakeAlternatingOffers;
  list.push_back(std::move(ao));

  ProtocolInfo nash;
  nash.name = "nash";
  nash.schema = &NashSchema();
  nash.unsupported = [](const Scenario&) { return std::string(); };
  nash.create = MakeNash;
  list.push_back(std::move(nash));

  ProtocolInfo eu;
  eu.name = "expected_utility";
  eu.schema = &ExpectedUtilitySchema();
  eu.unsupported = [](const Scenario&) { return std::string(); };
  eu.create = MakeExpectedUtility;
  list.push_back(std::move(eu));

  ProtocolInfo concession;
  concession.name = "concession";
  concession.schema = &ConcessionSchema();
  concession.unsupported = ConcessionUnsupported;
  concession.create = MakeConcession;
  list.push_back(std::move(concession));
  return list;
}

}  // namespace

const std::vector<ProtocolInfo>& ProtocolRegistry() {
  static const std::vector<ProtocolInfo> registry = MakeRegistry();
  return registry;
}

const ProtocolInfo* FindProtocol(std::string_view name) {
  for (const ProtocolInfo& info : ProtocolRegistry())
    if (info.name == name) return &info;
  return nullptr;
}

std::string ProtocolRefusal(const ProtocolInfo& info, const Scenario& s) {
  std::string why = info.unsupported ? info.unsupported(s) : "";
  if (why.empty() && !info.create) why = "protocol `" + info.name + "` is not implemented yet";
  return why;
}

std::unique_ptr<Protocol> MakeProtocol(const Scenario& s) {
  const ProtocolInfo* info = FindProtocol(s.protocol.kind);
  SourceLoc loc = s.spec.protocol.kind_loc;
  if (!info) throw InputError(loc, "protocol.kind", "unknown protocol `" + s.protocol.kind + "`; expected " + JoinChoices(ProtocolNames()));
  std::string why = ProtocolRefusal(*info, s);
  if (!why.empty()) throw InputError(loc, "protocol.kind", why);
  return info->create(s);
}

std::vector<std::string> ProtocolNames() {
  std::vector<std::string> names;
  for (const ProtocolInfo& info : ProtocolRegistry()) names.push_back(info.name);
  return names;
}

}  // namespace parley
