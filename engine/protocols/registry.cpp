#include "protocols/registry.h"

#include <utility>

#include "protocols/alternating_offers.h"
#include "protocols/concession.h"
#include "protocols/expected_utility.h"
#include "protocols/nash.h"

namespace parley {

namespace {

std::vector<ProtocolInfo> MakeRegistry() {
  std::vector<ProtocolInfo> list;

  ProtocolInfo ao;
  ao.name = "alternating_offers";
  ao.summary = "Rubinstein-Stahl alternating offers for N actors with veto players, mediator and breakdown risk";
  ao.params = {
      {"proposers", "the veto actors", "actors who may propose, in rotation order"},
      {"order", "rotate", "rotate: proposers take turns; random: each round's proposer is drawn"},
      {"recognition", "equal", "random order: probability weight of each proposer"},
      {"breakdown", "0", "probability that a round without a deal ends the talks for good"},
      {"information", "complete",
       "complete: everyone knows the drawn world; private: responders' war costs are their own (perfect Bayesian "
       "equilibrium with one screened responder; docs/private_information.md)"},
  };
  ao.unsupported = [](const Scenario&) { return std::string(); };
  ao.create = MakeAlternatingOffers;
  list.push_back(std::move(ao));

  ProtocolInfo nash;
  nash.name = "nash";
  nash.summary = "asymmetric Nash bargaining solution over the issue space, disagreement at the no-deal values";
  nash.params = {
      {"weights", "capability", "bargaining power of each actor (> 0); by default its capability"},
  };
  nash.unsupported = [](const Scenario&) { return std::string(); };
  nash.create = MakeNash;
  list.push_back(std::move(nash));

  ProtocolInfo eu;
  eu.name = "expected_utility";
  eu.summary = "Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011), issue by issue";
  eu.params = {
      {"q", "1", "Q: weight of the status quo in a challenge's expected utility, in [0, 1] (1 replicates BDM 1994)"},
      {"tolerance", "1e-6", "positions have settled when no actor moves more than this (unit scale)"},
      {"accept", "least_move",
       "which move an actor takes within a kind: least_move (shortest, then highest challenger EU) or highest_eu"},
      {"deal", "acceptable",
       "acceptable: the forecast is a deal iff every veto actor prefers it to no deal; forecast: always a deal"},
  };
  eu.unsupported = [](const Scenario&) { return std::string(); };
  eu.create = MakeExpectedUtility;
  list.push_back(std::move(eu));

  ProtocolInfo concession;
  concession.name = "concession";
  concession.summary = "time-based concession tactics (Faratin et al. 1998) under stacked alternating offers";
  concession.params = {
      {"grid", "11", "points per continuous issue in the discrete outcome space"},
      {"breakdown", "0", "probability that a round without a deal ends the talks for good (NegMAS: 0)"},
  };
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

std::vector<std::string> ProtocolNames() {
  std::vector<std::string> names;
  for (const ProtocolInfo& info : ProtocolRegistry()) names.push_back(info.name);
  return names;
}

}  // namespace parley
