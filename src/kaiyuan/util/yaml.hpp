#pragma once
/// YAML documents as lockfile generators write them (pnpm-lock.yaml, yarn berry's yarn.lock,
/// conan and others): block mappings and sequences, plain and quoted scalars, one-line flow
/// collections. Those are read by a purpose-built reader, about 20 times faster than yaml-cpp
/// (measured in docs/benchmarks.md); a document that uses anything else (anchors, tags, block
/// scalars, multi-line scalars) is handed to yaml-cpp, so every valid YAML file is read.
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaiyuan::util {

struct YamlEntry;

struct YamlNode {
    enum class Kind { null, scalar, mapping, sequence };
    Kind kind = Kind::null;
    std::string value;              ///< scalar text
    std::vector<YamlEntry> entries; ///< mapping, in file order
    std::vector<YamlNode> items;    ///< sequence
    std::uint32_t line = 0;         ///< 1-based line of the node

    bool is_mapping() const { return kind == Kind::mapping; }
    /// The value under `key` of a mapping; nullptr when absent or not a mapping.
    const YamlNode* get(std::string_view key) const;
    /// The scalar under `key`; "" when absent or not a scalar.
    std::string_view str(std::string_view key) const;
};

/// One key and value of a mapping.
struct YamlEntry {
    std::string first;
    YamlNode second;
};

/// Parses one YAML document. Errors name the line.
Result<YamlNode> parse_yaml(std::string_view text);

/// The fast reader alone: fails with "unsupported" on constructs it leaves to yaml-cpp. For tests
/// and benchmarks.
Result<YamlNode> parse_yaml_subset(std::string_view text);

} // namespace kaiyuan::util
