// Phaser's WebGL debugger (phaser3spectorjs) is required only when WEBGL_DEBUG is set, never in our builds.
export default {};
