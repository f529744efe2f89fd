/**
 * A Phaser build with only what the board draws with (client/board/): Phaser's own "core"
 * build (node_modules/phaser/src/phaser-core.js: no physics, sound, loader file types,
 * plugins) plus the Container and Rectangle objects the board uses, WebGL only. The package's
 * entry bundles everything (about 350 KB gzip, most of the JS needed to reach the board).
 * Modules load in phaser-core's order: Phaser's sources require each other in cycles that
 * only that order resolves. Its types are Phaser's own (./phaser-lite.d.ts); vite.config.ts
 * sets the build flags (WEBGL_RENDERER and the rest) that Phaser's own builds define.
 */
import "phaser-src/polyfills/requestVideoFrame.js";
import CONST from "phaser-src/const.js";
import Extend from "phaser-src/utils/object/Extend.js";
import Animations from "phaser-src/animations/index.js";
import BlendModes from "phaser-src/renderer/BlendModes.js";
import Cache from "phaser-src/cache/index.js";
import Scene2D from "phaser-src/cameras/2d/index.js";
import Core from "phaser-src/core/index.js";
import Class from "phaser-src/utils/Class.js";
import Data from "phaser-src/data/index.js";
import Masks from "phaser-src/display/mask/index.js";
import DOM from "phaser-src/dom/index.js";
import Events from "phaser-src/events/index.js";
import Filters from "phaser-src/filters/index.js";
import Game from "phaser-src/core/Game.js";
import DisplayList from "phaser-src/gameobjects/DisplayList.js";
import GameObjectCreator from "phaser-src/gameobjects/GameObjectCreator.js";
import GameObjectFactory from "phaser-src/gameobjects/GameObjectFactory.js";
import UpdateList from "phaser-src/gameobjects/UpdateList.js";
import Components from "phaser-src/gameobjects/components/index.js";
import GameObject from "phaser-src/gameobjects/GameObject.js";
import Graphics from "phaser-src/gameobjects/graphics/Graphics.js";
import Image from "phaser-src/gameobjects/image/Image.js";
import Text from "phaser-src/gameobjects/text/Text.js";
import Container from "phaser-src/gameobjects/container/Container.js";
import Rectangle from "phaser-src/gameobjects/shape/rectangle/Rectangle.js";
// Registered by being loaded: the factories behind `this.add.*`.
import "phaser-src/gameobjects/graphics/GraphicsFactory.js";
import "phaser-src/gameobjects/image/ImageFactory.js";
import "phaser-src/gameobjects/text/TextFactory.js";
import "phaser-src/gameobjects/container/ContainerFactory.js";
import "phaser-src/gameobjects/shape/rectangle/RectangleFactory.js";
import Input from "phaser-src/input/index.js";
import LoaderPlugin from "phaser-src/loader/LoaderPlugin.js";
import Clamp from "phaser-src/math/Clamp.js";
import Vector2 from "phaser-src/math/Vector2.js";
import Plugins from "phaser-src/plugins/index.js";
import Renderer from "phaser-src/renderer/index.js";
import Scale from "phaser-src/scale/index.js";
import ScaleModes from "phaser-src/renderer/ScaleModes.js";
import Scene from "phaser-src/scene/Scene.js";
import Scenes from "phaser-src/scene/index.js";
import Structs from "phaser-src/structs/index.js";
import Textures from "phaser-src/textures/index.js";
import Time from "phaser-src/time/index.js";
import TintModes from "phaser-src/renderer/TintModes.js";
import Tweens from "phaser-src/tweens/index.js";
import Color from "phaser-src/display/color/Color.js";

const Phaser = Extend(
  false,
  {
    Animations,
    BlendModes,
    Cache,
    Cameras: { Scene2D },
    Core,
    Class,
    Data,
    Display: { Masks, Color },
    DOM,
    Events,
    Filters,
    Game,
    GameObjects: { DisplayList, GameObjectCreator, GameObjectFactory, UpdateList, Components, GameObject, Graphics, Image, Text, Container, Rectangle },
    Input,
    Loader: { LoaderPlugin },
    Math: { Clamp, Vector2 },
    Plugins,
    Renderer,
    Scale,
    ScaleModes,
    Scene,
    Scenes,
    Structs,
    Textures,
    Time,
    TintModes,
    Tweens,
  },
  CONST,
);

export default Phaser;
