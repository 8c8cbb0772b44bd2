#pragma once
/// Unpredictable values from the operating system's CSPRNG (OpenSSL RAND_bytes): API key
/// secrets and the UUIDs of projects, SBOMs and job tokens.
#include <cstddef>
#include <string>

namespace kaiyuan::util {

/// `n` random bytes; throws std::runtime_error if the CSPRNG fails (it does not on Linux).
std::string random_bytes(std::size_t n);
/// An RFC 9562 version 4 UUID in its lower-case text form.
std::string uuid4();
/// Whether `s` is a UUID's text form (8-4-4-4-12 hex digits).
bool is_uuid(std::string_view s);
/// RFC 4648 base64url without padding.
std::string base64url(std::string_view bytes);
/// RFC 4648 base64 (standard alphabet, padded) and back; decoding fails on other characters.
std::string base64_encode(std::string_view bytes);
bool base64_decode(std::string_view text, std::string& out);

/// The current time as RFC 3339 UTC with milliseconds ("2026-12-02T17:44:16.123Z").
std::string utc_now();
/// Now plus `seconds` (negative: before now), in utc_now()'s form with zero milliseconds, so
/// that it compares as text with stored times.
std::string utc_from_now(long long seconds);
/// Milliseconds since the Unix epoch.
long long now_ms();

} // namespace kaiyuan::util
