// What a protocol reads from a scenario, declared by the protocol itself (as
// OpenSpiel games declare their parameter specification): each parameter's
// name, type, domain, default and a line of help, the actor keys only it
// reads, and the causes of no deal it can report. The loader validates
// `protocol:` against these tables, `parley protocols` prints them and the
// reference documentation lists them, so there is one table per protocol.
//
// The types live in core (they are plain data) and each table lives next to
// its protocol's factory (protocols/<name>_schema.cpp), below the loader: the
// tables depend on nothing but core, so reading them does not make the loader
// depend on any protocol's code.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"

namespace parley {

enum class ParamType {
  Uncertain,     // a number or a distribution {dist: ...}, drawn per replicate
  Number,        // a number
  Integer,       // an integer in [domain.low, domain.high]
  Choice,        // one of `choices`
  ActorList,     // a list of distinct actor names
  ActorWeights,  // a map from actor names to numbers in `domain`
};

struct ParamSchema {
  std::string name;
  ParamType type = ParamType::Number;
  Domain domain;
  std::vector<std::string> choices;  // Choice only
  std::string default_text;          // as `parley protocols` prints it
  std::string help;                  // one line
};

// A cause of no deal: its name in the outputs, and what it means.
struct CauseSchema {
  std::string name;
  std::string meaning;
};

struct ProtocolSchema {
  std::string name;
  std::string summary;  // one line
  std::vector<ParamSchema> params;
  std::vector<std::string> actor_keys;  // keys of an actor only this protocol reads
  std::vector<CauseSchema> causes;      // in the order the outputs list them
  // What the protocol's rounds count: empty for the scenario's own rounds
  // (rounds.label), else e.g. "iterations of the model", which tables must not
  // set beside the others' rounds.
  std::string round_unit;
  // One line on how to read a result: what drives the headline, what the
  // protocol leaves out (docs/model.md says more).
  std::string reading;

  const ParamSchema* Find(const std::string& param) const;
  bool HasCause(const std::string& cause) const;
};

// "a number in [0, 1]", "one of rotate, random", ... for messages and help.
std::string DescribeType(const ParamSchema& p);

}  // namespace parley
