#pragma once
#include "kaiyuan/source/file_tree.hpp"

namespace kaiyuan::source {

/// A directory on disk (a source tree or an unpacked root filesystem). Symlinks are reported, never
/// followed, so symlink loops are harmless; /proc, /sys and /dev are skipped when scanning "/".
class DirectoryTree final : public FileTree {
public:
    explicit DirectoryTree(std::string root, WalkLimits limits = {});
    std::string kind() const override { return "directory"; }
    Result<void> walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) override;
    /// Opens each path component without following links, so the read stays inside the root.
    Result<std::string> read(std::string_view path) const override;

private:
    std::string m_root;
    WalkLimits m_limits;
};

} // namespace kaiyuan::source
