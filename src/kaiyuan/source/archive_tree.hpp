#pragma once
#include "kaiyuan/source/file_tree.hpp"

namespace kaiyuan::source {

/// A tar (plain or compressed), zip or other archive read in one streaming pass.
class ArchiveTree final : public FileTree {
public:
    explicit ArchiveTree(std::string path, WalkLimits limits = {});
    std::string kind() const override { return "archive"; }
    Result<void> walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) override;

private:
    std::string m_path;
    WalkLimits m_limits;
};

/// One file presented as a tree holding only that file (a single .rpm or .deb given as target).
class SingleFileTree final : public FileTree {
public:
    SingleFileTree(std::string path, std::string kind);
    std::string kind() const override { return m_kind; }
    Result<void> walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) override;

private:
    std::string m_path;
    std::string m_kind;
};

} // namespace kaiyuan::source
