#!/usr/bin/env python3
"""Makes the generated Kotlin refuse a lone surrogate with the library's own typed error.

A Java string may hold half of a UTF-16 pair; UTF-8 has no form for it. uniffi's generated
`FfiConverterString.toUtf8` refuses it before anything crosses the FFI, but with java.nio's
`MalformedInputException`, which a caller catching `ShegongException` never sees. This rewrites
that one function so the refusal is a `ShegongException.Malformed` (code "malformed"), as the
same text gets from the WASM binding. It changes no other line, and fails loudly when the
generated code no longer has the expected shape (a uniffi upgrade): nothing is patched silently.

Usage: typed-strings.py <path to the generated shegong.kt>
"""

import sys

ORIGINAL = """    fun toUtf8(value: String): ByteBuffer {
        // Make sure we don't have invalid UTF-16, check for lone surrogates.
        return Charsets.UTF_8.newEncoder().run {
            onMalformedInput(CodingErrorAction.REPORT)
            encode(CharBuffer.wrap(value))
        }
    }
"""

TYPED = """    fun toUtf8(value: String): ByteBuffer {
        // Make sure we don't have invalid UTF-16, check for lone surrogates.
        // (shegong: refused as the library's typed Malformed error; bindings-mobile/tools/typed-strings.py)
        try {
            return Charsets.UTF_8.newEncoder().run {
                onMalformedInput(CodingErrorAction.REPORT)
                encode(CharBuffer.wrap(value))
            }
        } catch (e: java.nio.charset.CharacterCodingException) {
            throw ShegongException.Malformed(
                "malformed",
                null,
                "a text argument holds a lone surrogate (half of a UTF-16 pair), which is not Unicode text",
            )
        }
    }
"""


def main() -> int:
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.count(ORIGINAL) != 1 or "class Malformed(" not in text:
        print(f"typed-strings: {path} does not have uniffi's toUtf8 as expected; update the tool", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(ORIGINAL, TYPED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
