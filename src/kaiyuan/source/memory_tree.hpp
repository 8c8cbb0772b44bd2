#pragma once
/// A file tree held in memory: for tests and fuzz targets, which need a tree without a disk.
#include "kaiyuan/source/file_tree.hpp"

#include <map>

namespace kaiyuan::source {

class MemoryTree final : public FileTree {
public:
    explicit MemoryTree(std::map<std::string, std::string> files) : m_files(std::move(files)) {}
    std::string kind() const override { return "directory"; }
    Result<void> walk(Visitor& visitor, std::vector<model::Diagnostic>&) override {
        for (auto& [path, data] : m_files) {
            Entry e{path, EntryType::file, data.size(), "", ""};
            if (visitor.wants(e)) visitor.contents(e, std::string(data));
        }
        return {};
    }

    Result<std::string> read(std::string_view path) const override {
        auto it = m_files.find(std::string(path));
        if (it == m_files.end()) return fail(std::string(path) + ": no such file");
        return it->second;
    }

private:
    std::map<std::string, std::string> m_files;
};

} // namespace kaiyuan::source
