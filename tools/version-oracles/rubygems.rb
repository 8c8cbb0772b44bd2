# RubyGems oracle: reads 'A<TAB>B' lines, prints <, = or > as Gem::Version orders them,
# "error" when Gem::Version refuses a version. Makes test vectors for kaiyuan's RubyGems comparator.
STDIN.each_line do |line|
  a, b = line.chomp.split("\t", 2)
  begin
    c = Gem::Version.new(a) <=> Gem::Version.new(b)
    puts(c < 0 ? "<" : c > 0 ? ">" : "=")
  rescue ArgumentError
    puts "error"
  end
end
