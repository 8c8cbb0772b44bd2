#pragma once
/// A file mapped read-only into memory: files to sign or verify can be larger than memory, and
/// Ed25519 (pure) needs the whole message at once.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::attest {

class MappedFile {
public:
    static Result<MappedFile> open(const std::string& path);
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&&) = delete;
    ~MappedFile();
    std::string_view bytes() const { return {m_data, m_size}; }

private:
    MappedFile(const char* data, std::size_t size) : m_data(data), m_size(size) {}
    const char* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace kaiyuan::attest
