// License detection benchmarks (docs/benchmarks.md, issue #5):
//   BM_index_ready      the embedded index read at startup (what `kaiyuan license` waits for)
//   BM_index_build      the same index built from the texts (what the build does once)
//   BM_detect_samples   every text of SPDX's match samples through detect_licenses()
//   BM_scan_tree/N      a whole tree on N threads: $KAIYUAN_BENCH_TREE (for example a curl
//                       source tree), else ../shared/data/spdx-license-list/match-samples
#include "kaiyuan/license/detector.hpp"
#include "kaiyuan/license/file_scan.hpp"
#include "kaiyuan/source/directory_tree.hpp"
#include "kaiyuan/util/files.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

namespace {

using namespace kaiyuan;

std::string samples_dir() {
    return std::string(KAIYUAN_SOURCE_DIR) + "/../shared/data/spdx-license-list/match-samples";
}

void BM_index_ready(benchmark::State& state) {
    std::string bytes = license::LicenseIndex::get().serialize();
    for (auto _ : state) {
        auto index = license::LicenseIndex::deserialize(bytes);
        benchmark::DoNotOptimize(index);
    }
    state.counters["rules"] = static_cast<double>(license::LicenseIndex::get().rules().size());
    state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}
BENCHMARK(BM_index_ready)->Unit(benchmark::kMillisecond);

void BM_index_build(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(license::LicenseIndex::build_default());
}
BENCHMARK(BM_index_build)->Unit(benchmark::kMillisecond);

void BM_detect_samples(benchmark::State& state) {
    std::vector<std::string> texts;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(samples_dir(), ec))
        if (auto t = util::read_file(e.path().string())) texts.push_back(std::move(*t));
    if (texts.empty()) {
        state.SkipWithError("../shared/data/spdx-license-list is absent");
        return;
    }
    std::size_t bytes = 0;
    for (const auto& t : texts)
        bytes += t.size();
    const auto& index = license::LicenseIndex::get();
    for (auto _ : state)
        for (const auto& t : texts)
            benchmark::DoNotOptimize(license::detect_licenses(t, index));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.counters["files"] = static_cast<double>(texts.size());
}
BENCHMARK(BM_detect_samples)->Unit(benchmark::kMillisecond);

void BM_scan_tree(benchmark::State& state) {
    const char* env = std::getenv("KAIYUAN_BENCH_TREE");
    std::string root = env ? env : samples_dir();
    if (!std::filesystem::is_directory(root)) {
        state.SkipWithError("no tree to scan");
        return;
    }
    std::size_t files = 0;
    for (auto _ : state) {
        source::DirectoryTree tree(root);
        license::LicenseScanOptions options;
        options.threads = static_cast<unsigned>(state.range(0));
        auto scan = license::scan_licenses(tree, options);
        files = scan ? scan->files.size() : 0;
        benchmark::DoNotOptimize(scan);
    }
    state.counters["files"] = static_cast<double>(files);
}
BENCHMARK(BM_scan_tree)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
