// Scenario loader, YAML layer: syntax, duplicates, aliases and their limits,
// encodings, and files that cannot be read.
#include <doctest/doctest.h>

#include <filesystem>

#include "loader_test_util.h"
#include "scenario/yaml_tree.h"

namespace parley {
namespace {

using test::kValid;
using test::LoadError;

std::string ParseError(const std::string& text, const yaml::ParseLimits& limits = {}) {
  try {
    yaml::ParseDocument(text, "t.yaml", limits);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError");
  return "";
}

TEST_SUITE("loader") {
  TEST_CASE("the tree keeps key order, locations and quoting") {
    yaml::Node root = yaml::ParseDocument("b: 1\na:\n  - \"x\"\n  - y\nc:\n", "t.yaml");
    REQUIRE(root.IsMap());
    CHECK(root.Keys() == std::vector<std::string>{"b", "a", "c"});
    const yaml::Node* a = root.Find("a");
    REQUIRE(a);
    REQUIRE(a->IsSequence());
    CHECK(a->items[0].quoted);
    CHECK_FALSE(a->items[1].quoted);
    CHECK(a->items[1].loc.line == 4);
    CHECK(a->items[1].loc.col == 5);
    CHECK(root.FindEntry("a")->key_loc.line == 2);
    // An empty value has no text of its own: it stands at its key.
    CHECK(root.Find("c")->IsNull());
    CHECK(root.Find("c")->loc.line == 5);
  }

  TEST_CASE("syntax errors are located") {
    CHECK_ERROR(LoadError("parley: 1\nname: [a, b\n"), "s.yaml:3:", "", "invalid YAML: end of sequence flow not found");
    std::string tabs = LoadError("parley: 1\nissues:\n  a: 1\n b: 2\n");
    CHECK(tabs.rfind("s.yaml:4:", 0) == 0);
  }

  TEST_CASE("duplicate keys are errors, both reported") {
    std::string message = LoadError(std::string(kValid) + "name: again\nrounds: {horizon: 3, horizon: 4}\n");
    CHECK_ERROR(message, "s.yaml:14:1:", "name", "expected each key once, got a duplicate key (first at line 2)");
    CHECK_ERROR(message, "s.yaml:15:22:", "rounds.horizon", "got a duplicate key (first at line 15)");
  }

  TEST_CASE("map keys must be text") {
    CHECK_ERROR(ParseError("a: 1\n[1, 2]: 3\n"), "t.yaml:2:1:", "", "expected a text key, got a list as a key");
  }

  TEST_CASE("empty, missing and unreadable files") {
    CHECK(LoadError("") == "s.yaml: empty file: expected a scenario map");
    CHECK(LoadError("# only a comment\n") == "s.yaml: empty file: expected a scenario map");
    CHECK_ERROR(LoadError("- a\n- b\n"), "s.yaml:1:1:", "", "expected a scenario map (key: value lines), got a list");
    test::ScratchDir dir;
    std::string missing = dir.Path("nope.yaml");
    try {
      LoadScenarioSpec(missing);
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).rfind(missing + ": cannot open the file: No such file", 0) == 0);
    }
    try {
      LoadScenarioSpec(dir.Path(""));
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find("expected a scenario file, got a directory") != std::string::npos);
    }
  }

  TEST_CASE("a second document is an error, not silently ignored") {
    CHECK_ERROR(LoadError(std::string(kValid) + "---\nname: other\n"), "s.yaml:15:1:", "",
                "expected one YAML document, got a second one");
  }

  TEST_CASE("invalid UTF-8 is rejected at the offending byte") {
    CHECK(ParseError("a: 1\nb: caf\xC3\n") == "t.yaml:2:7: expected UTF-8 text, got the byte 0xC3");
    CHECK(ParseError("a: \xC0\xAF\n").find("t.yaml:1:4: expected UTF-8 text") == 0);   // overlong
    CHECK(ParseError("a: \xED\xA0\x80\n").find("t.yaml:1:4: expected UTF-8 text") == 0);  // surrogate
    CHECK(ParseError(std::string("\xFF\xFEp\0", 4)) == "t.yaml:1:1: expected UTF-8 text, got UTF-16 (save the file as UTF-8)");
    CHECK_NOTHROW(yaml::ParseDocument("\xEF\xBB\xBFlabel: \"Кремль – café ✓\"\r\n", "t.yaml"));
  }

  TEST_CASE("aliases expand; merge keys fill what the map does not state") {
    std::string text = std::string(kValid) +
                       "defaults: &d {discount: 0.9, risk: 2}\n";
    // A scenario key `defaults` is unknown; the tree itself expands the alias.
    yaml::Node root = yaml::ParseDocument("base: &b {x: 1, y: 2}\ncopy: *b\nmerged: {<<: *b, y: 3, z: 4}\n", "t.yaml");
    CHECK(root.Find("copy")->Find("y")->text == "2");
    CHECK(root.Find("copy")->loc.line == 2);
    const yaml::Node* merged = root.Find("merged");
    CHECK(merged->Keys() == std::vector<std::string>{"x", "y", "z"});
    CHECK(merged->Find("y")->text == "3");
    CHECK_ERROR(LoadError(text), "s.yaml:14:1:", "defaults", "unknown key");
  }

  TEST_CASE("anchors work in scenarios") {
    std::string text = R"(parley: 1
name: t
rounds: {horizon: 10}
issues:
  territory: {scale: [0, 1], status_quo: 0.2}
actors:
  russia: &actor
    position: {territory: 0}
    salience: {territory: 0.9}
    discount: 0.95
  ukraine:
    <<: *actor
    position: {territory: 1}
)";
    ScenarioSpec s = LoadScenarioSpecFromString(text, "s.yaml");
    CHECK(s.actors[1].discount.dist.value == 0.95);
    CHECK(s.actors[1].position[0].dist.value == 1.0);
  }

  TEST_CASE("alias bombs hit the node budget") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
      std::string prev(1, static_cast<char>(c - 1));
      bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
              ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    }
    CHECK(ParseError(bomb).find("document too large (alias expansion)") != std::string::npos);
    yaml::ParseLimits small;
    small.max_nodes = 100;
    CHECK(ParseError("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n", small)
              .find("t.yaml:2:") == 0);
  }

  TEST_CASE("nesting is bounded, through aliases too") {
    std::string deep(70, '[');
    deep += std::string(70, ']');
    CHECK(ParseError(deep).find("expected at most 64 nested levels") != std::string::npos);
    yaml::ParseLimits shallow;
    shallow.max_depth = 3;
    CHECK(ParseError("a: &a [[1]]\nb: [*a]\n", shallow).find("t.yaml:2:5: b.0: expected at most 3 nested levels") == 0);
  }

  TEST_CASE("an alias inside its own anchor is an error") {
    CHECK(ParseError("a: &x [1, *x]\n").find("t.yaml:1:") == 0);
  }

  // yaml-cpp reads an unclosed quote to the end of the file; the tree refuses
  // it, and must not mistake escaped quotes for the closing one.
  TEST_CASE("quoted values must be closed; escaped quotes are not the close") {
    CHECK(ParseError("a: 1\nb: \"x\nc: 2\n").find("t.yaml:2:4: b: invalid YAML: expected a closing \"") == 0);
    CHECK(ParseError("a: 'it''s\n").find("t.yaml:1:4: a: invalid YAML: expected a closing '") == 0);
    yaml::Node root = yaml::ParseDocument("a: \"q\\\"q\"\nb: 'it''s'\nc: \"\u00e9\"\n", "t.yaml");
    CHECK(root.Find("a")->text == "q\"q");
    CHECK(root.Find("b")->text == "it's");
  }

  TEST_CASE("control characters are refused; tab and line breaks are text") {
    CHECK(ParseError(std::string("a: \"x\0y\"\n", 9)).find("t.yaml:1:6: expected printable text, got the control character 0x00") == 0);
    CHECK(ParseError("a: 1\nb: \"\x1b[2J\"\n").find("t.yaml:2:5: expected printable text") == 0);
    CHECK(yaml::ParseDocument("a: \"x\ty\"\r\nb: 1\n", "t.yaml").Find("a")->text == "x\ty");
  }

  // Maps and lists are bounded in length, and keys are hashed, so that a huge
  // map neither hangs the duplicate check nor the readers' name lookups.
  TEST_CASE("one map or list holds at most max_entries entries") {
    yaml::ParseLimits limits;
    limits.max_entries = 3;
    CHECK(ParseError("a: [1, 2, 3, 4]\n", limits).find("t.yaml:1:14: a: expected at most 3 items in one list, got more") == 0);
    CHECK(ParseError("a: {x: 1, y: 2, z: 3, w: 4}\n", limits).find("t.yaml:1:23: a: expected at most 3 keys in one map") == 0);
    CHECK(yaml::ParseDocument("a: [1, 2, 3]\n", "t.yaml", limits).Find("a")->items.size() == 3);
    std::string big = "{";
    for (int i = 0; i < 10000; ++i) big += (i ? ", k" : "k") + std::to_string(i) + ": 0";
    CHECK(yaml::ParseDocument(big + "}\n", "t.yaml").entries.size() == 10000);
    CHECK(ParseError(big + ", k5: 1}\n").find("k5: expected each key once") != std::string::npos);
  }

  TEST_CASE("anchored copies count against the node budget") {
    yaml::ParseLimits small;
    small.max_nodes = 40;
    // 10 items, then three nested anchors around a copy: each anchor keeps one.
    CHECK(ParseError("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: &b [&c [&d [*a]]]\n", small)
              .find("document too large") != std::string::npos);
  }
}

}  // namespace
}  // namespace parley
