// Advisory database benchmarks (Google Benchmark): import of the OSV data in ../shared/data/osv,
// and matching 10,000 components after the database is open, against databases of a quarter,
// half and all of the advisories (how matching grows with the database). The components are real
// package names from the advisories with versions they name, so that many match. Results in
// docs/benchmarks.md. Set KAIYUAN_BENCH_OSV to another OSV directory to measure other data.
#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/registry.hpp"
#include "kaiyuan/source/open_target.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/importer.hpp"
#include "kaiyuan/vuln/matcher.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

namespace fs = std::filesystem;
using namespace kaiyuan;

namespace {

std::string osv_dir() {
    if (const char* e = std::getenv("KAIYUAN_BENCH_OSV")) return e;
    return std::string(KAIYUAN_SOURCE_DIR) + "/../shared/data/osv";
}

/// Every advisory file under the OSV directory, in a stable order.
std::vector<std::string> advisory_files() {
    std::vector<std::string> out;
    if (!fs::exists(osv_dir())) return out;
    for (const auto& e : fs::recursive_directory_iterator(osv_dir()))
        if (e.is_regular_file() && vuln::is_advisory_file_name(e.path().string()))
            out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

/// A database of every `step`-th advisory file, made once per run.
vuln::Database& database(int step) {
    static std::map<int, std::unique_ptr<vuln::Database>> dbs;
    auto& slot = dbs[step];
    if (slot) return *slot;
    std::string path = (fs::temp_directory_path() / ("kaiyuan-bench-" + std::to_string(::getpid()) +
                                                     "-" + std::to_string(step) + ".db"))
                           .string();
    fs::remove(path);
    auto db = vuln::Database::open(path, true);
    auto files = advisory_files();
    std::vector<std::string> subset;
    for (std::size_t i = 0; i < files.size(); i += static_cast<std::size_t>(step))
        subset.push_back(files[i]);
    (void)vuln::import_paths(*db, subset, util::null_progress());
    slot = std::make_unique<vuln::Database>(std::move(*db));
    return *slot;
}

/// 10,000 components: PyPI, Go, crates.io and AlmaLinux packages the advisories name, each with
/// a version an advisory names, then unknown packages to fill up.
model::Sbom components(std::size_t n) {
    model::Sbom sbom;
    sbom.metadata.distro = {"almalinux", "9.4", "AlmaLinux", "AlmaLinux 9.4", "", ""};
    std::set<std::string> seen;
    for (const auto& f : advisory_files()) {
        if (sbom.components.size() >= n) break;
        auto text = util::read_file(f);
        auto records = vuln::read_advisory_file(f, *text);
        if (!records) continue;
        for (const auto& a : *records)
            for (const auto& af : a.affected) {
                std::string type = af.ecosystem == "PyPI"          ? "pypi"
                                   : af.ecosystem == "Go"          ? "golang"
                                   : af.ecosystem == "crates.io"   ? "cargo"
                                   : af.ecosystem == "AlmaLinux:9" ? "rpm"
                                                                   : "";
                if (type.empty() || af.ranges.empty()) continue;
                for (const auto& ev : af.ranges[0].events) {
                    if (ev.version == "0" || sbom.components.size() >= n) continue;
                    std::string version = ev.version;
                    if (type == "golang" && version.front() != 'v') version = "v" + version;
                    std::string purl = type == "rpm"
                                           ? "pkg:rpm/almalinux/" + af.name + "@" + version +
                                                 "?distro=almalinux-9.4"
                                           : "pkg:" + type + "/" + af.name + "@" + version;
                    if (!seen.insert(purl).second) continue;
                    model::Component c;
                    c.name = af.name;
                    c.version = version;
                    c.purl = purl;
                    sbom.components.push_back(std::move(c));
                }
            }
    }
    for (std::size_t i = 0; sbom.components.size() < n; ++i) {
        model::Component c;
        c.name = "unknown-" + std::to_string(i);
        c.version = "1.0.0";
        c.purl = "pkg:npm/" + c.name + "@1.0.0";
        sbom.components.push_back(std::move(c));
    }
    return sbom;
}

void BM_import_all(benchmark::State& state) {
    auto files = advisory_files();
    if (files.empty()) return state.SkipWithError("../shared/data/osv absent");
    std::string path = (fs::temp_directory_path() / "kaiyuan-bench-import.db").string();
    std::uint64_t records = 0;
    for (auto _ : state) {
        state.PauseTiming();
        fs::remove(path);
        auto db = vuln::Database::open(path, true);
        state.ResumeTiming();
        auto r = vuln::import_paths(*db, {osv_dir()}, util::null_progress());
        records = r ? r->records : 0;
    }
    fs::remove(path);
    state.counters["records"] = static_cast<double>(records);
}
BENCHMARK(BM_import_all)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_match_10000(benchmark::State& state) {
    if (advisory_files().empty()) return state.SkipWithError("../shared/data/osv absent");
    int step = static_cast<int>(state.range(0));
    vuln::Database& db = database(step);
    static const model::Sbom sbom = components(10000);
    std::size_t findings = 0;
    for (auto _ : state) {
        auto r = vuln::match(sbom, db);
        findings = r ? r->findings.size() : 0;
        benchmark::DoNotOptimize(findings);
    }
    state.counters["advisories"] = static_cast<double>(*db.advisory_count());
    state.counters["findings"] = static_cast<double>(findings);
    state.counters["components"] = static_cast<double>(sbom.components.size());
}
// 4: a quarter of the files, 2: half, 1: all.
BENCHMARK(BM_match_10000)->Arg(4)->Arg(2)->Arg(1)->Unit(benchmark::kMillisecond);

/// The real components of every lockfile and manifest in ../shared/data/manifests (about 9,400:
/// npm, PyPI, Go, crates.io, Maven, RubyGems, ...), as a user's repositories would give them.
void BM_match_manifests(benchmark::State& state) {
    std::string dir = osv_dir() + "/../manifests";
    if (advisory_files().empty() || !fs::exists(dir))
        return state.SkipWithError("../shared/data absent");
    static const model::Sbom sbom = [&] {
        auto tree = source::open_target(dir);
        auto catalogers = catalog::all_catalogers();
        return std::move(*catalog::scan(**tree, catalogers, {}));
    }();
    vuln::Database& db = database(1);
    std::size_t findings = 0;
    for (auto _ : state) {
        auto r = vuln::match(sbom, db);
        findings = r ? r->findings.size() : 0;
        benchmark::DoNotOptimize(findings);
    }
    state.counters["advisories"] = static_cast<double>(*db.advisory_count());
    state.counters["findings"] = static_cast<double>(findings);
    state.counters["components"] = static_cast<double>(sbom.components.size());
}
BENCHMARK(BM_match_manifests)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
