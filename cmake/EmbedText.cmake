# cmake -DIN=file -DOUT=file.cpp -DSYMBOL=name [-DNAMESPACE=kaiyuan::x] -P EmbedText.cmake
# Writes a C++ source defining `extern const char* const <NAMESPACE>::<SYMBOL>` (NAMESPACE
# kaiyuan::model unless given) as the file's text.
if(NOT NAMESPACE)
  set(NAMESPACE kaiyuan::model)
endif()
file(READ ${IN} content)
set(delim "KAIYUAN_EMBED")
file(WRITE ${OUT} "namespace ${NAMESPACE} {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"${delim}(${content})${delim}\";\n}\n")
