// The published JSON Schema (draft-07) of scenario files, built from the
// loader's own key tables (scenario/key_tables.h) and the protocols'
// parameter schemas (protocols/schemas.h): `parley schema` prints it and
// docs/scenario.schema.json holds a copy that a test keeps equal. Editors
// use it through yaml-language-server for completion, hover and typo checks.
//
// The schema states keys, types and plain domains; what needs the whole
// file (that a name refers to an actor or issue of the file, effects'
// domains, sums, distributions' own checks) stays the loader's, which
// remains the authority: a file the schema accepts may still get a located
// error from `parley validate`, never the reverse for the keys it lists.
#pragma once

#include <nlohmann/json.hpp>

namespace parley {

// Every key of every key table has a description here; a key without one is a
// std::logic_error (the tests build the schema, so a new loader key cannot
// ship without its schema entry).
nlohmann::ordered_json ScenarioJsonSchema();

}  // namespace parley
