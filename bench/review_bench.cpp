// The review library alone, without reading documents or starting a process: two SBOMs of
// 5,000 components each (the head with 100 upgraded, 50 added, 50 removed, 25 relicensed, in
// another order) compared (diff_sboms), judged with a policy (run_review, no database), and
// written as JSON and Markdown. docs/benchmarks.md, "Review of a change".
#include "kaiyuan/review/report.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

using namespace kaiyuan;

namespace {

model::Component package(const std::string& name, const std::string& version,
                         const std::string& license) {
    model::Component c;
    c.package_type = "npm";
    c.name = name;
    c.version = version;
    c.purl = "pkg:npm/" + name + "@" + version;
    c.license_declared = license;
    c.locations.push_back({"package-lock.json", "", 1});
    model::assign_id(c);
    return c;
}

struct Pair {
    model::Sbom base, head;
};

const Pair& pair() {
    static const Pair p = [] {
        std::mt19937 rnd(17);
        const char* licenses[] = {"MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "GPL-2.0-only"};
        Pair out;
        for (int i = 0; i < 5000; ++i)
            out.base.components.push_back(
                package("pkg-" + std::to_string(i),
                        std::to_string(rnd() % 3) + "." + std::to_string(rnd() % 10) + ".0",
                        licenses[rnd() % 5]));
        for (int i = 200; i < 5000; ++i)
            out.base.relationships.push_back(
                {out.base.components[rnd() % i].id, out.base.components[i].id});
        out.head = out.base;
        for (int i = 0; i < 100; ++i) {
            auto& c = out.head.components[static_cast<std::size_t>(i) * 40];
            c = package(c.name, c.version + ".1", c.license_declared);
        }
        for (int i = 0; i < 25; ++i)
            out.head.components[static_cast<std::size_t>(i) * 150 + 7].license_declared =
                "AGPL-3.0-only";
        out.head.components.resize(4950);
        for (int i = 0; i < 50; ++i)
            out.head.components.push_back(package("new-" + std::to_string(i), "1.0.0", "MIT"));
        std::shuffle(out.head.components.begin(), out.head.components.end(), rnd);
        return out;
    }();
    return p;
}

void BM_diff_5000(benchmark::State& state) {
    const auto& p = pair();
    for (auto _ : state)
        benchmark::DoNotOptimize(review::diff_sboms(p.base, p.head));
}
BENCHMARK(BM_diff_5000)->Unit(benchmark::kMillisecond);

void BM_review_5000(benchmark::State& state) {
    const auto& p = pair();
    auto policy = review::read_review_policy("deny-licenses: [network-copyleft]\n", "p.yml");
    for (auto _ : state)
        benchmark::DoNotOptimize(review::run_review({p.base, p.head, nullptr, &*policy, ""}));
}
BENCHMARK(BM_review_5000)->Unit(benchmark::kMillisecond);

void BM_review_5000_written(benchmark::State& state) {
    const auto& p = pair();
    auto policy = review::read_review_policy("deny-licenses: [network-copyleft]\n", "p.yml");
    for (auto _ : state) {
        auto r = review::run_review({p.base, p.head, nullptr, &*policy, ""});
        review::ReviewReport report{p.base, p.head, *r, true, 120};
        benchmark::DoNotOptimize(review::write_review(report, review::ReviewFormat::json));
        benchmark::DoNotOptimize(review::write_review(report, review::ReviewFormat::markdown));
    }
}
BENCHMARK(BM_review_5000_written)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
