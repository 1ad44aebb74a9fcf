$PinnedVersion = '0.0.0-unreleased'
$PinnedSha256 = ''
