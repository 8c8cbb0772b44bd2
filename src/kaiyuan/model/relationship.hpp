#pragma once
#include <compare>
#include <string>

namespace kaiyuan::model {

enum class RelationshipType { depends_on, contains, dev_depends_on, optional_depends_on };

const char* to_string(RelationshipType t);

/// A directed edge between two components, by component id.
struct Relationship {
    std::string from;
    std::string to;
    RelationshipType type = RelationshipType::depends_on;
    auto operator<=>(const Relationship&) const = default;
};

} // namespace kaiyuan::model
