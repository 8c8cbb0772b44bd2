# ASan + UBSan for the whole build when KAIYUAN_SANITIZE=ON (the asan preset).
if(KAIYUAN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
