# cmake -DIN=file -DOUT=file.cpp -DSYMBOL=name -P EmbedText.cmake
# Writes a C++ source defining `extern const char* const kaiyuan::model::<SYMBOL>` as the file's text.
file(READ ${IN} content)
set(delim "KAIYUAN_EMBED")
file(WRITE ${OUT} "namespace kaiyuan::model {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"${delim}(${content})${delim}\";\n}\n")
