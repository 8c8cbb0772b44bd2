// Micro benchmarks of the hot parsers and writers (Google Benchmark). Whole-command comparisons
// with peers are in compare-trivy.sh and scaling.sh; results in docs/benchmarks.md.
#include "kaiyuan/catalog/dpkg/status.hpp"
#include "kaiyuan/catalog/npm/package_lock.hpp"
#include "kaiyuan/catalog/npm/pnpm_lock.hpp"
#include "kaiyuan/catalog/rpm/header.hpp"
#include "kaiyuan/format/format.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/yaml.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

namespace {

std::string status_file(int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += "Package: pkg" + std::to_string(i) +
             "\nStatus: install ok installed\nPriority: optional\nInstalled-Size: 120\n"
             "Maintainer: Team <team@example.invalid>\nArchitecture: amd64\nVersion: 1:2.3-4\n"
             "Depends: libc6 (>= 2.34), zlib1g (>= 1:1.2)\nDescription: synthetic\n more text\n\n";
    return s;
}

std::string be(std::uint32_t v) {
    std::string s(4, '\0');
    for (int i = 0; i < 4; ++i)
        s[static_cast<std::size_t>(i)] = static_cast<char>(v >> (24 - 8 * i));
    return s;
}

std::string header_blob() {
    std::string index, data;
    auto add = [&](std::uint32_t tag, std::uint32_t type, std::uint32_t count,
                   const std::string& payload) {
        index += be(tag) + be(type) + be(static_cast<std::uint32_t>(data.size())) + be(count);
        data += payload;
    };
    add(1000, 6, 1, std::string("openssl-libs") + '\0');
    add(1001, 6, 1, std::string("3.0.12") + '\0');
    add(1002, 6, 1, std::string("5.oe2403") + '\0');
    add(1014, 6, 1, std::string("OpenSSL and ASL 2.0") + '\0');
    std::string names;
    for (int i = 0; i < 40; ++i)
        names += "file" + std::to_string(i) + '\0';
    add(1117, 8, 40, names);
    add(1118, 8, 1, std::string("/usr/lib64/") + '\0');
    while (data.size() % 4)
        data += '\0';
    std::string idx;
    for (int i = 0; i < 40; ++i)
        idx += be(0);
    add(1116, 4, 40, idx);
    return be(static_cast<std::uint32_t>(index.size() / 16)) +
           be(static_cast<std::uint32_t>(data.size())) + index + data;
}

void dpkg_status(benchmark::State& state) {
    std::string text = status_file(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(kaiyuan::catalog::dpkg::parse_status(text, {}));
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(dpkg_status)->Arg(1000)->Arg(10000);

void rpm_header(benchmark::State& state) {
    std::string blob = header_blob();
    for (auto _ : state)
        benchmark::DoNotOptimize(kaiyuan::catalog::rpm::parse_header_blob(blob));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(rpm_header);

void legacy_license(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(kaiyuan::model::to_spdx_expression(
            "GPLv2+ and LGPLv2+ with exceptions", kaiyuan::model::LicenseDialect::rpm));
}
BENCHMARK(legacy_license);

void write_cyclonedx(benchmark::State& state) {
    kaiyuan::model::Sbom sbom;
    for (int i = 0; i < state.range(0); ++i) {
        kaiyuan::model::Component c;
        c.package_type = "rpm";
        c.name = "pkg" + std::to_string(i);
        c.version = "1.0-1";
        c.purl = "pkg:rpm/openeuler/" + c.name + "@1.0-1?arch=x86_64";
        c.license_declared = "MIT";
        sbom.components.push_back(std::move(c));
    }
    sbom.normalize();
    for (auto _ : state)
        benchmark::DoNotOptimize(
            kaiyuan::format::write(sbom, kaiyuan::format::Format::cyclonedx_json));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(write_cyclonedx)->Arg(10000);

// A lockfile v3 with `n` packages, each depending on two others, some nested.
std::string package_lock(int n) {
    std::string s = "{\"name\": \"app\", \"lockfileVersion\": 3, \"packages\": {\"\": "
                    "{\"dependencies\": {\"pkg0\": \"*\"}}";
    for (int i = 0; i < n; ++i) {
        std::string path = i % 10 == 9 ? "node_modules/pkg" + std::to_string(i - 1) +
                                             "/node_modules/pkg" + std::to_string(i)
                                       : "node_modules/pkg" + std::to_string(i);
        s += ",\n\"" + path + "\": {\"version\": \"1." + std::to_string(i) +
             ".0\", \"resolved\": \"https://registry.invalid/x.tgz\", \"integrity\": "
             "\"sha512-cjQ7ZlQ0Mv3b47hABuTevyTuYN4i+loJKGeV9flcCgIK37cCXRh+"
             "L1bd3iBHlynerhQ7BhCkn2BPbQUL+rGqFg==\", "
             "\"license\": \"MIT\", \"dependencies\": {\"pkg" +
             std::to_string((i + 1) % n) + "\": \"*\", \"pkg" + std::to_string((i + 7) % n) +
             "\": \"*\"}}";
    }
    return s + "}}";
}

void npm_package_lock(benchmark::State& state) {
    std::string text = package_lock(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(kaiyuan::catalog::npm::parse_package_lock(text, {}));
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(npm_package_lock)->Arg(5000)->Unit(benchmark::kMillisecond);

// A pnpm-lock.yaml v9 as pnpm 9 writes it: `n` packages (a fifth with peer-suffixed snapshots),
// each snapshot depending on two others, one importer depending on the first ten.
std::string pnpm_lock(int n) {
    std::string s = "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n\n"
                    "importers:\n\n  .:\n    dependencies:\n";
    auto key = [](int i) {
        return (i % 3 == 0 ? "'@scope/pkg" : "pkg") + std::to_string(i) + "@1." +
               std::to_string(i) + ".0" + (i % 5 == 0 ? "(peer@2.0.0)" : "") +
               (i % 3 == 0 ? "'" : "");
    };
    auto name = [](int i) {
        return (i % 3 == 0 ? "'@scope/pkg" : "pkg") + std::to_string(i) + (i % 3 == 0 ? "'" : "");
    };
    auto version = [](int i) {
        return "1." + std::to_string(i) + ".0" + (i % 5 == 0 ? "(peer@2.0.0)" : "");
    };
    for (int i = 0; i < 10 && i < n; ++i)
        s += "      " + name(i) + ":\n        specifier: ^1.0.0\n        version: " + version(i) +
             "\n";
    s += "\npackages:\n\n";
    for (int i = 0; i < n; ++i) {
        std::string base = key(i);
        if (auto p = base.find('('); p != std::string::npos)
            base = base.substr(0, p) + (i % 3 == 0 ? "'" : "");
        s += "  " + base +
             ":\n    resolution: {integrity: "
             "sha512-cjQ7ZlQ0Mv3b47hABuTevyTuYN4i+loJKGeV9flcCgIK37cCXRh+"
             "L1bd3iBHlynerhQ7BhCkn2BPbQUL+rGqFg==}\n    engines: {node: '>=14'}\n\n";
    }
    s += "snapshots:\n\n";
    for (int i = 0; i < n; ++i)
        s += "  " + key(i) + ":\n    dependencies:\n      " + name((i + 1) % n) + ": " +
             version((i + 1) % n) + "\n      " + name((i + 7) % n) + ": " + version((i + 7) % n) +
             "\n\n";
    return s;
}

void npm_pnpm_lock(benchmark::State& state) {
    std::string text = pnpm_lock(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(kaiyuan::catalog::npm::parse_pnpm_lock(text, {}));
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(npm_pnpm_lock)->Arg(5000)->Unit(benchmark::kMillisecond);

// The YAML reader alone on the same text, and yaml-cpp on it (the reason for the reader).
void yaml_subset_reader(benchmark::State& state) {
    std::string text = pnpm_lock(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(kaiyuan::util::parse_yaml_subset(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(yaml_subset_reader)->Arg(5000)->Unit(benchmark::kMillisecond);

void yaml_cpp_full(benchmark::State& state) {
    // An anchor sends parse_yaml to yaml-cpp.
    std::string text = "x: &a 1\n" + pnpm_lock(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(kaiyuan::util::parse_yaml(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(yaml_cpp_full)->Arg(5000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
