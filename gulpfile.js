const { src, dest, task } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node, so the SVGs must sit in dist/ too.
task('build:icons', () => src('icons/**/*.svg').pipe(dest('dist/icons')));
