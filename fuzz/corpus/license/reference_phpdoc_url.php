<?php
/**
 * @license   http://www.horde.org/licenses/lgpl21 LGPL 2.1
 */
