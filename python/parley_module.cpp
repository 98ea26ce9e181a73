// The Python module `parley._parley`: the library's commands (api/), called
// as the CLI calls them, with the GIL released while they compute. Each
// returns what the command gives (its files' texts, table, notes, warnings,
// whether it ran to the end); python/parley/__init__.py parses the very
// bytes the CLI would write into dicts and pandas DataFrames. run's
// per-replicate rows leave C++ as numpy arrays that own the table's memory.
//
// Ctrl-C: the command runs on a worker thread while this one polls for
// signals every 50 ms; KeyboardInterrupt sets the stop flag, the command
// ends at its next chunk (or point) boundary, and the result comes back
// marked incomplete, as the CLI's does.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/compare.h"
#include "api/explain.h"
#include "api/run.h"
#include "api/tuning.h"
#include "core/error.h"
#include "replicate_table.h"

namespace py = pybind11;

namespace parley::python {

namespace {

// The scenario and overrides every call takes, as python/parley/__init__.py packs them.
api::ScenarioRequest Request(const py::dict& r) {
  api::ScenarioRequest request;
  if (r.contains("path")) request.path = r["path"].cast<std::string>();
  if (r.contains("text")) request.text = r["text"].cast<std::string>();
  if (r.contains("sets")) request.sets = r["sets"].cast<std::vector<std::string>>();
  if (r.contains("protocol") && !r["protocol"].is_none()) request.protocol = r["protocol"].cast<std::string>();
  if (r.contains("n") && !r["n"].is_none()) request.replicates = r["n"].cast<long long>();
  if (r.contains("seed") && !r["seed"].is_none()) request.seed = r["seed"].cast<long long>();
  return request;
}

// Runs `work(context)` on a worker thread with the GIL released, polling for
// Ctrl-C on this one. Exceptions of the work are rethrown here.
template <typename Result, typename Work>
Result Interruptible(int threads, Work work, bool& interrupted) {
  std::atomic<bool> stop{false};
  api::Context context;
  context.threads = threads;
  context.stop = &stop;
  std::optional<Result> result;
  std::exception_ptr error;
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  interrupted = false;
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        result.emplace(work(context));
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
      finished.notify_one();
    });
    std::unique_lock<std::mutex> lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
      lock.unlock();
      {
        py::gil_scoped_acquire acquire;
        if (PyErr_CheckSignals() != 0) {  // KeyboardInterrupt (or another handler's exception)
          PyErr_Clear();
          stop.store(true);
          interrupted = true;
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}

py::dict ResultDict(const api::CommandResult& r, bool interrupted) {
  py::dict files;
  for (const api::OutputFile& f : r.files) files[py::str(f.name)] = py::str(f.contents);
  py::dict out;
  out["files"] = files;
  out["table"] = r.table;
  out["notes"] = r.notes;
  out["warnings"] = r.warnings;
  out["complete"] = r.complete;
  out["interrupted"] = interrupted;
  return out;
}

// A column as numpy arrays that own its memory (moved out of the table).
template <typename T>
py::array Owned(std::vector<T>& values, std::int64_t rows) {
  auto* held = new std::vector<T>(std::move(values));
  held->resize(static_cast<size_t>(rows));
  py::capsule owner(held, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(held->size())}, {static_cast<py::ssize_t>(sizeof(T))}, held->data(),
                        owner);
}

py::list Columns(ReplicateTable& table, std::int64_t rows) {
  py::list out;
  for (Column& c : table.columns()) {
    py::dict d;
    d["name"] = c.name;
    switch (c.kind) {
      case Column::Kind::kInt64: d["kind"] = "int"; d["values"] = Owned(c.ints, rows); break;
      case Column::Kind::kFloat: d["kind"] = "float"; d["values"] = Owned(c.floats, rows); break;
      case Column::Kind::kBool:
        d["kind"] = "bool";
        d["values"] = Owned(c.bools, rows).attr("view")("bool");
        break;
      case Column::Kind::kCategory:
        d["kind"] = "category";
        d["values"] = Owned(c.codes, rows);
        d["categories"] = c.categories;
        d["ordered"] = c.ordered;
        break;
      case Column::Kind::kNullableInt:
        d["kind"] = "nullable_int";
        d["values"] = Owned(c.ints, rows);
        d["mask"] = Owned(c.bools, rows).attr("view")("bool");
        break;
    }
    out.append(d);
  }
  return out;
}

py::dict Run(const py::dict& request, int threads, bool rows) {
  const api::ScenarioRequest r = Request(request);
  std::unique_ptr<ReplicateTable> table;
  api::ReplicateRows hooks;
  if (rows) {
    hooks.begin = [&](const Scenario& s) { table = std::make_unique<ReplicateTable>(s, s.replicates); };
    hooks.format = [&](std::uint64_t i, const World& drawn, const Outcome& o, std::string&) { table->Fill(i, drawn, o); };
  }
  bool interrupted = false;
  api::RunOutput result = Interruptible<api::RunOutput>(
      threads, [&](const api::Context& c) { return api::Run(r, c, hooks); }, interrupted);
  py::dict out = ResultDict(result, interrupted);
  out["done"] = result.done;
  if (table) out["columns"] = Columns(*table, result.done);
  return out;
}

py::dict RunAll(const py::dict& request, int threads) {
  api::ScenarioRequest r = Request(request);
  r.protocol = api::kAllProtocols;
  r.all_protocols = true;
  bool interrupted = false;
  api::CommandResult result = Interruptible<api::CommandResult>(
      threads, [&](const api::Context& c) { return api::RunAll(r, c); }, interrupted);
  return ResultDict(result, interrupted);
}

py::dict Compare(const py::dict& base, const py::dict& variant, int threads) {
  const api::ScenarioRequest b = Request(base), v = Request(variant);
  bool interrupted = false;
  api::CommandResult result = Interruptible<api::CommandResult>(
      threads, [&](const api::Context& c) { return api::Compare(b, v, c); }, interrupted);
  return ResultDict(result, interrupted);
}

py::dict Sweep(const py::dict& request, int threads, const std::vector<std::string>& vary,
               const std::vector<std::string>& metrics) {
  const api::SweepRequest r{Request(request), vary, metrics};
  bool interrupted = false;
  api::CommandResult result = Interruptible<api::CommandResult>(
      threads, [&](const api::Context& c) { return api::Sweep(r, c); }, interrupted);
  return ResultDict(result, interrupted);
}

py::dict Sensitivity(const py::dict& request, int threads, const std::vector<std::string>& metrics,
                     const std::vector<std::string>& factors, const std::string& method, int samples, int bootstrap) {
  const api::SensitivityRequest r{Request(request), metrics, factors, method, samples, bootstrap, false};
  bool interrupted = false;
  api::CommandResult result = Interruptible<api::CommandResult>(
      threads, [&](const api::Context& c) { return api::Sensitivity(r, c); }, interrupted);
  return ResultDict(result, interrupted);
}

py::dict Calibrate(const py::dict& request, int threads, const std::vector<std::string>& free,
                   const std::vector<std::string>& targets, const std::string& algorithm, int budget,
                   const std::string& write) {
  api::CalibrateRequest r;
  r.scenario = Request(request);
  r.free = free;
  r.targets = targets;
  r.write = write;
  r.options.algorithm = algorithm;
  r.options.budget = budget;
  bool interrupted = false;
  api::CalibrateOutput result = Interruptible<api::CalibrateOutput>(
      threads, [&](const api::Context& c) { return api::Calibrate(r, c); }, interrupted);
  if (!result.written.empty()) api::WriteCalibratedScenario(write, result.written);
  py::dict out = ResultDict(result, interrupted);
  out["written"] = result.written;
  return out;
}

py::dict Explain(const py::dict& request, long long replicate) {
  if (replicate < 0) throw UsageError("replicate must be a non-negative integer");
  const api::ScenarioRequest r = Request(request);
  api::ExplainOutput result = [&] {
    py::gil_scoped_release release;
    return api::Explain(r, static_cast<std::uint64_t>(replicate));
  }();
  py::dict out;
  out["text"] = result.text;
  out["json"] = result.json.dump();
  return out;
}

}  // namespace

}  // namespace parley::python

PYBIND11_MODULE(_parley, m) {
  using namespace parley::python;
  m.doc() = "parley's engine (use the `parley` package, not this module)";
  py::register_exception<parley::InputError>(m, "ScenarioError", PyExc_ValueError);
  py::register_exception<parley::UsageError>(m, "UsageError", PyExc_ValueError);
  m.def("_run", &Run, py::arg("request"), py::arg("threads"), py::arg("replicates"));
  m.def("_run_all", &RunAll, py::arg("request"), py::arg("threads"));
  m.def("_compare", &Compare, py::arg("base"), py::arg("variant"), py::arg("threads"));
  m.def("_sweep", &Sweep, py::arg("request"), py::arg("threads"), py::arg("vary"), py::arg("metrics"));
  m.def("_sensitivity", &Sensitivity, py::arg("request"), py::arg("threads"), py::arg("metrics"), py::arg("factors"),
        py::arg("method"), py::arg("samples"), py::arg("bootstrap"));
  m.def("_calibrate", &Calibrate, py::arg("request"), py::arg("threads"), py::arg("free"), py::arg("targets"),
        py::arg("algorithm"), py::arg("budget"), py::arg("write"));
  m.def("_explain", &Explain, py::arg("request"), py::arg("replicate"));
  m.attr("version") = PARLEY_VERSION;
}
