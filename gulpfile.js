const { src, dest, task, parallel } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node, so the SVGs must sit in dist/ too.
task('build:icons', () => src('icons/**/*.svg').pipe(dest('dist/icons')));

// The codex files (*.node.json) give n8n the node's categories and search aliases (小红书, RedNote).
task('build:codex', () => src('nodes/**/*.node.json').pipe(dest('dist/nodes')));

task('build:assets', parallel('build:icons', 'build:codex'));
